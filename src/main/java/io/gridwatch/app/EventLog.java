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

    static void log(UpsEvent event) {
        if (!EventText.journaled(event)) {
            return;
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
