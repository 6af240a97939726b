package io.gridwatch.history;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.time.Scheduler;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the hub every {@code interval} (fresh data only) and writes the readings in batches, rolls them up
 * every minute and prunes every hour, all on the scheduler's thread, never on the hub's. A database that
 * fails (full disk, locked file, PostgreSQL away) degrades history only: readings wait in a bounded buffer
 * (the oldest go first when it is full), the failure is logged once, and the next write retries.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final int MAX_BUFFERED = 200_000;

    private final HistoryStore store;
    private final HistorySettings settings;
    private final UpsHub hub;
    private final Clock clock;
    private final ArrayDeque<HistoryStore.Sample> buffer = new ArrayDeque<>();
    private final List<Scheduler.Cancellable> tasks = new ArrayList<>();
    private String lastFailure;
    private long dropped;
    private Instant lastPrune = Instant.MIN;

    public HistoryWriter(HistoryStore store, HistorySettings settings, UpsHub hub, Scheduler scheduler, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.hub = hub;
        this.clock = clock;
        tasks.add(scheduler.repeat(settings.interval(), settings.interval(), this::sampleAndWrite));
        tasks.add(scheduler.repeat(Duration.ofMinutes(1), Duration.ofMinutes(1), this::maintain));
    }

    /** One sampling round: every configured numeric variable of every UPS whose data are fresh. */
    synchronized void sampleAndWrite() {
        long ts = clock.millis();
        for (UpsSnapshot s : hub.snapshots()) {
            if (hub.availability(s) != Availability.OK) {
                continue;
            }
            for (String var : settings.variables()) {
                String v = s.device().value(var);
                if (v == null) {
                    continue;
                }
                try {
                    buffer.add(new HistoryStore.Sample(s.name().value(), var, ts, Double.parseDouble(v.trim())));
                } catch (NumberFormatException e) {
                    // not a number (yet): nothing to chart
                }
            }
        }
        while (buffer.size() > MAX_BUFFERED) {
            buffer.poll();
            dropped++;
        }
        flush();
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<HistoryStore.Sample> batch = new ArrayList<>(buffer);
        try {
            store.write(batch);
            buffer.clear();
            if (lastFailure != null) {
                LOG.info("history: writing again ({} readings were dropped meanwhile)", dropped);
                lastFailure = null;
                dropped = 0;
            }
        } catch (SQLException | RuntimeException e) {
            String why = e.getMessage();
            if (!java.util.Objects.equals(why, lastFailure)) {
                LOG.warn("history: cannot write to {}: {} (readings are kept in memory and written when it works "
                        + "again; the rest of Gridwatch is not affected)", settings, why);
                lastFailure = why;
            }
        }
    }

    /** Rollups every minute, retention every hour. */
    synchronized void maintain() {
        Instant now = clock.instant();
        try {
            store.rollUp(now);
            if (Duration.between(lastPrune, now).compareTo(Duration.ofHours(1)) >= 0 || lastPrune == Instant.MIN) {
                store.prune(now, settings.retention());
                lastPrune = now;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("history: rollup or pruning failed: {}", e.getMessage());
        }
    }

    /** Why writing readings fails now, or null when the last write worked. */
    public synchronized String failure() {
        return lastFailure;
    }

    /** Readings waiting to be written (for tests and metrics). */
    public synchronized int buffered() {
        return buffer.size();
    }

    @Override
    public synchronized void close() {
        tasks.forEach(Scheduler.Cancellable::cancel);
        flush();
    }
}
