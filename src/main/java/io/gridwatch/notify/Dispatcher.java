package io.gridwatch.notify;

import io.gridwatch.coordination.Coordinator;
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
    private final Coordinator site;

    public Dispatcher(Outbox outbox, Map<String, ? extends Channel> channels) {
        this(outbox, () -> channels, Coordinator.alone("this server"));
    }

    /**
     * @param channels the channels in force (read at every run: a settings change applies at once)
     * @param site     who sends the site's notifications: while another server leads, this one sends none of
     *                 them (those it also saw are marked as sent by the leader once the leader has sent them)
     */
    public Dispatcher(Outbox outbox, Supplier<Map<String, ? extends Channel>> channels, Coordinator site) {
        this.outbox = outbox;
        this.channels = channels;
        this.site = site;
    }

    /** What makes two servers' notifications the same one: channel, type and UPS (and when: the claim's window). */
    static String key(Outbox.Item i) {
        return i.channel() + "|" + i.type() + "|" + (i.message().ups() == null ? "" : i.message().ups())
                + (i.message().drill() ? "|drill" : "");
    }

    /** A dashboard test and this server's own logged errors are this server's: never left to another. */
    static boolean local(Outbox.Item i) {
        return i.message().type() == NotifyType.TEST || i.message().type() == NotifyType.APP_ERROR;
    }

    public synchronized void run() {
        Map<String, ? extends Channel> now = channels.get();
        Map<String, List<Outbox.Item>> byChannel = new LinkedHashMap<>();
        boolean leading = site.leading();
        for (Outbox.Item i : outbox.due()) {
            if (!leading && !local(i)) {
                String by = site.doneBy("notify", key(i), i.created());
                if (by != null) {
                    outbox.deliveredElsewhere(i.id(), by);
                }
                continue; // held: the leader sends it, or this server does if it comes to lead
            }
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
            if (!local(i)) {
                Coordinator.Decision d = site.claim("notify", key(i), i.created(), i.id());
                if (d == Coordinator.Decision.NOT_LEADING) {
                    return; // the lease was lost on the way: the rest stays pending for whoever leads
                }
                if (d == Coordinator.Decision.DONE_ELSEWHERE) {
                    outbox.deliveredElsewhere(i.id(), "another server of the site");
                    continue;
                }
            }
            try {
                c.send(i);
                outbox.delivered(i.id());
                if (!local(i)) {
                    site.done(i.id());
                }
            } catch (Exception e) {
                String why = describe(e);
                outbox.failed(i.id(), why);
                LOG.warn("notification '{}' through {}: {} (retried later)", i.title(), c, why);
            }
        }
    }
}
