package io.gridwatch.notify;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox says is due through its channel and records the outcome; a failure is retried later by
 * the outbox's schedule. {@link #run} is called on the site's scheduler every few seconds; one call at a time.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Map<String, Channel> channels;

    public Dispatcher(Outbox outbox, Map<String, Channel> channels) {
        this.outbox = outbox;
        this.channels = Map.copyOf(channels);
    }

    public synchronized void run() {
        for (Outbox.Item i : outbox.due()) {
            Channel c = channels.get(i.channel());
            if (c == null) {
                outbox.failed(i.id(), "no channel '" + i.channel() + "' is configured");
                continue;
            }
            try {
                c.send(i);
                outbox.delivered(i.id());
            } catch (Exception e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                outbox.failed(i.id(), why);
                LOG.warn("notification '{}' through {}: {} (retried later)", i.title(), c, why);
            }
        }
    }
}
