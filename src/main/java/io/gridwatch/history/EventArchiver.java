package io.gridwatch.history;

import io.gridwatch.hub.EventJournal;
import io.gridwatch.time.Scheduler;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every event of the journal in the history database, so that events outlive restarts and can be
 * acknowledged and exported. Entries are queued as the journal records them and written every second on the
 * scheduler's thread; a failing database keeps them queued (bounded) and logs once.
 */
public final class EventArchiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventArchiver.class);
    static final int MAX_QUEUED = 10_000;

    private final HistoryStore store;
    private final ArrayDeque<EventJournal.Entry> queue = new ArrayDeque<>();
    private final Scheduler.Cancellable task;
    private String lastFailure;

    public EventArchiver(HistoryStore store, EventJournal journal, Scheduler scheduler) {
        this.store = store;
        synchronized (this) {
            queue.addAll(journal.all()); // what happened while history was opening
        }
        journal.onRecord(this::enqueue);
        task = scheduler.repeat(Duration.ofSeconds(1), Duration.ofSeconds(1), this::flush);
    }

    private synchronized void enqueue(EventJournal.Entry e) {
        queue.addLast(e);
        while (queue.size() > MAX_QUEUED) {
            queue.removeFirst();
        }
    }

    /** Writes what is queued (also called by tests to skip the wait). */
    public void flush() {
        List<EventJournal.Entry> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queue);
        }
        try {
            store.writeEvents(batch);
            synchronized (this) {
                for (int i = 0; i < batch.size() && !queue.isEmpty(); i++) {
                    queue.removeFirst();
                }
            }
            lastFailure = null;
        } catch (SQLException | RuntimeException e) {
            if (!java.util.Objects.equals(e.getMessage(), lastFailure)) {
                LOG.warn("event archive: cannot write: {} (events stay queued and in the journal)", e.getMessage());
                lastFailure = e.getMessage();
            }
        }
    }

    @Override
    public void close() {
        task.cancel();
        flush();
    }
}
