package io.gridwatch.history;

import io.gridwatch.journal.EventJournal;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.time.Scheduler;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History while the server runs. The database is opened in the background, so a slow or absent database never
 * holds up the server's start; once open, the sampler ({@link HistoryWriter}) and the event archive
 * ({@link EventArchiver}) run on it. Says what is failing (for readiness) and renders a UPS's report page.
 * Closing waits for an open in progress, so that nothing writes after close. Thread-safe.
 */
public final class HistoryRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRuntime.class);

    private final HistorySettings settings;
    private final Thread opener;
    private HistoryStore store;
    private HistoryWriter writer;
    private EventArchiver archiver;
    private boolean closed;
    private volatile String openFailure;

    /**
     * Starts opening history as {@code settings} say (nothing when disabled).
     *
     * @param ahead the file where events wait while the database cannot take them
     */
    public HistoryRuntime(HistorySettings settings, UpsHub hub, EventJournal journal, Scheduler scheduler,
                          Clock clock, Path ahead) {
        this.settings = settings;
        this.opener = !settings.enabled() ? null : Thread.ofVirtual().name("history-open")
                .start(() -> open(hub, journal, scheduler, clock, ahead));
    }

    private void open(UpsHub hub, EventJournal journal, Scheduler scheduler, Clock clock, Path ahead) {
        try {
            HistoryStore s = HistoryStore.open(settings.url(), settings.user(), settings.password());
            synchronized (this) {
                if (closed) {
                    s.close();
                    return;
                }
                store = s;
                writer = new HistoryWriter(s, settings, hub, scheduler, clock);
                archiver = new EventArchiver(s.events(), journal, scheduler, ahead);
            }
            LOG.info("history: {} (a sample every {} s)", settings, settings.interval().toSeconds());
        } catch (SQLException | RuntimeException e) {
            openFailure = e.getMessage();
            LOG.warn("history: cannot open {}: {}; running without history", settings, e.getMessage());
        }
    }

    /** The store, once open (empty while opening, when disabled, or when it could not be opened). */
    public synchronized Optional<HistoryStore> store() {
        return Optional.ofNullable(store);
    }

    /** The event archive, once open. */
    public synchronized Optional<EventArchiver> archiver() {
        return Optional.ofNullable(archiver);
    }

    /** What works only in part now, in words: history that cannot be opened or written, an archive that waits. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        if (openFailure != null) {
            out.add("history cannot be opened: " + openFailure);
        }
        if (writer != null && writer.failure() != null) {
            out.add("history cannot write: " + writer.failure());
        }
        if (archiver != null && archiver.failing()) {
            out.add("the event archive cannot write (" + archiver.queued() + " events wait)");
        }
        return out;
    }

    /** A UPS's report page over {@code span} up to {@code now}; history must be open. */
    public String report(Report.Subject ups, Report.Span span, Instant now, ZoneId zone, EnergySettings prices)
            throws SQLException {
        HistoryStore s = store().orElseThrow(
                () -> new IllegalStateException("history is not open (disabled, starting or failed)"));
        return Report.html(s, ups, span, now, zone, settings.interval(), prices);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (opener != null) {
            try {
                opener.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (writer != null) {
                writer.close();
            }
            if (archiver != null) {
                archiver.close();
            }
            if (store != null) {
                store.close();
            }
        }
    }
}
