package io.gridwatch.app;

import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what happens to the UPSes to the log (standard error, so journald when run as a service): status
 * changes, sentinels going dark and coming back, drills, FSD, wake-ups, client reports, commands. Snapshot churn
 * ({@code StateChanged}) is left out. Stateless apart from its subscription.
 */
final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.gridwatch.events");

    private final EventBus.Subscription subscription;

    EventLog(UpsHub hub) {
        subscription = hub.subscribe("event-log", EventLog::log);
    }

    /** At most this many event lines a second; the rest are counted and the count logged with the next line. */
    static final int LINES_PER_SECOND = 20;
    private static long windowStart;
    private static int inWindow;
    private static long skipped;

    static void log(UpsEvent event) {
        if (!EventText.journaled(event)) {
            return;
        }
        long now = System.nanoTime();
        long held;
        synchronized (EventLog.class) {
            if (now - windowStart > 1_000_000_000L) {
                windowStart = now;
                inWindow = 0;
            }
            if (++inWindow > LINES_PER_SECOND && EventText.level(event) == EventText.Level.INFO) {
                skipped++; // a flood of routine events (a client flipping its state) must not fill the disk
                return;
            }
            held = skipped;
            skipped = 0;
        }
        if (held > 0) {
            LOG.warn("{} routine events were not logged (more than {} a second); the journal and archive have them",
                    held, LINES_PER_SECOND);
        }
        String line = "UPS [" + event.ups() + "]: " + EventText.message(event);
        if (EventText.level(event) == EventText.Level.WARNING) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
