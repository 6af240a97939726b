package io.gridwatch.history;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where readings are kept: raw samples, minute/hour/day rollups (min, avg weighted by count, max), retention per
 * tier, range queries; and, beside them, the {@link EventArchive}. {@link #open} gives the relational one
 * ({@link JdbcHistoryStore}: SQLite or PostgreSQL). Writes come from one writer thread ({@link HistoryWriter});
 * queries from any thread. Failures are {@link SQLException}s, whatever the store.
 */
public interface HistoryStore extends AutoCloseable {
    /** One reading. */
    record Sample(String ups, String var, long ts, double value) {
    }

    /** One point of a series: a raw reading has min = avg = max. */
    record Point(long ts, double min, double avg, double max) {
    }

    /** A rollup bucket's average and how many readings it holds (for energy: coverage of the bucket). */
    record Bucket(long ts, double avg, int n) {
    }

    /** Connects to a database ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}), migrates its schema. */
    static HistoryStore open(String url, String user, String password) throws SQLException {
        return JdbcHistoryStore.open(url, user, password);
    }

    /** Writes a batch, all or nothing; a reading already stored (same series and time) is kept. */
    void write(List<Sample> batch) throws SQLException;

    /**
     * Aggregates every complete bucket before {@code now} into the minute, hour and day tiers; a bucket rolled up
     * before is recomputed whole when readings arrive for it later.
     */
    void rollUp(Instant now) throws SQLException;

    /** Deletes what is older than each tier's retention (tiers not named are kept). */
    void prune(Instant now, Map<Tier, Duration> retention) throws SQLException;

    /** The points of one variable of one UPS in [from, to), from one tier, oldest first. */
    List<Point> query(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException;

    /** The buckets of one rollup tier in [from, to) with their reading counts, oldest first. */
    List<Bucket> buckets(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException;

    /** The event archive kept with these readings. */
    EventArchive events();

    @Override
    void close();
}
