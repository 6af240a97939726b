package io.gridwatch.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox says is due through its channel and records the outcome; a failure is retried later by
 * the outbox's schedule. Each channel's notifications go out in order on a thread of their own, so a mail server
 * that takes its time does not hold up the phone push. {@link #run} is called by one thread at a time.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Supplier<Map<String, ? extends Channel>> channels;

    public Dispatcher(Outbox outbox, Map<String, ? extends Channel> channels) {
        this(outbox, () -> channels);
    }

    /** @param channels the channels in force (read at every run: a settings change applies at once) */
    public Dispatcher(Outbox outbox, Supplier<Map<String, ? extends Channel>> channels) {
        this.outbox = outbox;
        this.channels = channels;
    }

    public synchronized void run() {
        Map<String, ? extends Channel> now = channels.get();
        Map<String, List<Outbox.Item>> byChannel = new LinkedHashMap<>();
        for (Outbox.Item i : outbox.due()) {
            byChannel.computeIfAbsent(i.channel(), k -> new ArrayList<>()).add(i);
        }
        List<Thread> running = new ArrayList<>();
        byChannel.forEach((name, items) -> {
            Channel c = now.get(name);
            if (c == null) {
                items.forEach(i -> outbox.failed(i.id(), "no channel '" + name + "' is configured"));
            } else {
                running.add(Thread.ofVirtual().name("notify-" + name).start(() -> deliver(c, items)));
            }
        });
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The failure in a person's words: the message, and the root cause's when it adds something. */
    static String describe(Throwable e) {
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e || top.contains(cause) ? top : top + " (" + cause + ")";
    }

    private void deliver(Channel c, List<Outbox.Item> items) {
        for (Outbox.Item i : items) {
            try {
                c.send(i);
                outbox.delivered(i.id());
            } catch (Exception e) {
                String why = describe(e);
                outbox.failed(i.id(), why);
                LOG.warn("notification '{}' through {}: {} (retried later)", i.title(), c, why);
            }
        }
    }
}
