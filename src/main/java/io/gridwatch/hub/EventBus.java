package io.gridwatch.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers hub events to subscribers. Each subscriber has its own queue and its own virtual thread, so a slow
 * one (a mail server, a database) never holds up the others or the hub; each sees events in publication order.
 * A subscriber that throws is logged and keeps receiving. Thread-safe.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Starts delivering every later event to {@code consumer}; close the subscription to stop. */
    public Subscription subscribe(String name, Consumer<? super UpsEvent> consumer) {
        Subscription s = new Subscription(name, consumer);
        subscriptions.add(s);
        s.thread = Thread.ofVirtual().name("events-" + name).start(s::run);
        return s;
    }

    public void publish(UpsEvent event) {
        for (Subscription s : subscriptions) {
            s.queue.add(event);
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
    }

    /** One subscriber's queue and delivery thread. */
    public final class Subscription implements AutoCloseable {
        private static final UpsEvent STOP = new UpsEvent.CommRestored(null, null);

        private final String name;
        private final Consumer<? super UpsEvent> consumer;
        private final LinkedBlockingQueue<UpsEvent> queue = new LinkedBlockingQueue<>();
        private Thread thread;

        private Subscription(String name, Consumer<? super UpsEvent> consumer) {
            this.name = name;
            this.consumer = consumer;
        }

        private void run() {
            while (true) {
                UpsEvent e;
                try {
                    e = queue.take();
                } catch (InterruptedException ie) {
                    return;
                }
                if (e == STOP) {
                    return;
                }
                try {
                    consumer.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("event subscriber '{}' failed on {}", name, e.getClass().getSimpleName(), ex);
                }
            }
        }

        /** Events not yet delivered (for monitoring). */
        public int backlog() {
            return queue.size();
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            queue.add(STOP);
        }
    }
}
