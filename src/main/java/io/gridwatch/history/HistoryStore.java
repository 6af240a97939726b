package io.gridwatch.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * History in a relational database, SQLite (a file, the default) or PostgreSQL, with the same migrations and
 * SQL on both: raw samples, minute/hour/day rollups (min, avg weighted by count, max), retention per tier,
 * range queries. Writes come from one writer thread ({@link HistoryWriter}); queries from any thread.
 */
public final class HistoryStore implements AutoCloseable {
    /** One reading. */
    public record Sample(String ups, String var, long ts, double value) {
    }

    /** One point of a series: a raw reading has min = avg = max. */
    public record Point(long ts, double min, double avg, double max) {
    }

    /** A rollup bucket's average and how many readings it holds (for energy: coverage of the bucket). */
    public record Bucket(long ts, double avg, int n) {
    }

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final Map<String, Integer> ids = new HashMap<>();

    private HistoryStore(HikariDataSource pool, boolean sqlite) {
        this.pool = pool;
        this.sqlite = sqlite;
    }

    /** Connects, migrates the schema, and loads the series ids. */
    public static HistoryStore open(String url, String user, String password) throws SQLException {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (sqlite) {
            String file = url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
            java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
            if (!file.isEmpty() && !file.startsWith(":") && parent != null) {
                try {
                    java.nio.file.Files.createDirectories(parent);
                    java.nio.file.Path db = java.nio.file.Path.of(file);
                    if (!java.nio.file.Files.exists(db)) {
                        // SQLite makes its -wal and -shm files with the database's mode: 0600 from the start
                        java.nio.file.Files.createFile(db);
                        io.gridwatch.files.AtomicFile.restrict(db);
                    }
                } catch (java.io.IOException e) {
                    throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
                }
            }
        }
        hc.setMaximumPoolSize(sqlite ? 1 : 4); // SQLite: one writer at a time anyway
        hc.setPoolName("history");
        hc.setConnectionTimeout(10_000); // a database that does not answer holds up neither start nor stop for long
        hc.setInitializationFailTimeout(-1);
        if (sqlite) {
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "5000");
        }
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:io/gridwatch/history/migration/" + (sqlite ? "sqlite" : "postgresql"))
                    .table("gridwatch_schema_history").load().migrate();
            HistoryStore store = new HistoryStore(pool, sqlite);
            store.loadIds();
            return store;
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    private void loadIds() throws SQLException {
        try (Connection c = pool.getConnection()) {
            loadIds(c);
        }
    }

    private synchronized void loadIds(Connection c) throws SQLException {
        ids.clear();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, ups, var FROM series")) {
            while (r.next()) {
                ids.put(r.getString(2) + "\u0000" + r.getString(3), r.getInt(1));
            }
        }
    }

    /** The id of a series already written, or null. */
    private synchronized Integer knownId(String ups, String var) {
        return ids.get(ups + "\u0000" + var);
    }

    private synchronized int seriesId(Connection c, String ups, String var) throws SQLException {
        Integer id = knownId(ups, var);
        if (id != null) {
            return id;
        }
        int next = ids.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO series (id, ups, var) VALUES (?, ?, ?)")) {
            p.setInt(1, next);
            p.setString(2, ups);
            p.setString(3, var);
            p.executeUpdate();
        }
        ids.put(ups + "\u0000" + var, next);
        return next;
    }

    /** Writes a batch in one transaction; a reading already stored (same series and time) is kept. */
    public void write(List<Sample> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO samples (series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Sample s : batch) {
                    p.setInt(1, seriesId(c, s.ups(), s.var()));
                    p.setLong(2, s.ts());
                    p.setDouble(3, s.value());
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                // ids created in the rolled-back transaction are gone; on this connection: with SQLite the pool
                // holds one, and asking it for another here would wait for this one
                try {
                    loadIds(c);
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
    }

    /** Aggregates every complete bucket before {@code now} into the minute, hour and day tiers. */
    public void rollUp(Instant now) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                rollUp(c, Tier.MINUTE, now);
                rollUp(c, Tier.HOUR, now);
                rollUp(c, Tier.DAY, now);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void rollUp(Connection c, Tier tier, Instant now) throws SQLException {
        long bucket = tier.bucket().toMillis();
        long until = Math.floorDiv(now.toEpochMilli(), bucket) * bucket;
        long from = progress(c, tier);
        if (from >= until) {
            return;
        }
        String select = tier == Tier.MINUTE
                ? "SELECT series_id, (ts / %d) * %d AS b, MIN(value), AVG(value), MAX(value), COUNT(*) FROM samples "
                        + "WHERE ts >= ? AND ts < ? GROUP BY series_id, (ts / %d) * %d"
                : "SELECT series_id, (ts / %d) * %d AS b, MIN(min_value), SUM(avg_value * n) / SUM(n), MAX(max_value), "
                        + "SUM(n) FROM rollups WHERE tier = " + (tier.ordinal() - 1) + " AND ts >= ? AND ts < ? "
                        + "GROUP BY series_id, (ts / %d) * %d";
        String sql = "INSERT INTO rollups (tier, series_id, ts, min_value, avg_value, max_value, n) SELECT "
                + tier.ordinal() + ", x.* FROM (" + select.formatted(bucket, bucket, bucket, bucket) + ") x "
                + "WHERE true " // SQLite needs a WHERE before an upsert's ON CONFLICT in INSERT ... SELECT
                + "ON CONFLICT (tier, series_id, ts) DO UPDATE SET min_value = excluded.min_value, "
                + "avg_value = excluded.avg_value, max_value = excluded.max_value, n = excluded.n";
        // a bucket is recomputed whole: start at the beginning of the bucket that holds 'from'
        long start = Math.floorDiv(from, bucket) * bucket;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, start);
            p.setLong(2, until);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rollup_progress (tier, done_until) VALUES (?, ?) "
                + "ON CONFLICT (tier) DO UPDATE SET done_until = excluded.done_until")) {
            p.setInt(1, tier.ordinal());
            p.setLong(2, until);
            p.executeUpdate();
        }
    }

    private static long progress(Connection c, Tier tier) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT done_until FROM rollup_progress WHERE tier = ?")) {
            p.setInt(1, tier.ordinal());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MIN_VALUE / 2;
            }
        }
    }

    /** Deletes what is older than each tier's retention. */
    public void prune(Instant now, Map<Tier, java.time.Duration> retention) throws SQLException {
        try (Connection c = pool.getConnection()) {
            for (Map.Entry<Tier, java.time.Duration> e : retention.entrySet()) {
                long before = now.minus(e.getValue()).toEpochMilli();
                String sql = e.getKey() == Tier.RAW ? "DELETE FROM samples WHERE ts < ?"
                        : "DELETE FROM rollups WHERE tier = " + e.getKey().ordinal() + " AND ts < ?";
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, before);
                    p.executeUpdate();
                }
            }
        }
    }

    /** The points of one variable of one UPS in [from, to), from one tier, oldest first. */
    public List<Point> query(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException {
        Integer id = knownId(ups, var);
        List<Point> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        String sql = tier == Tier.RAW
                ? "SELECT ts, value, value, value FROM samples WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts"
                : "SELECT ts, min_value, avg_value, max_value FROM rollups WHERE tier = " + tier.ordinal()
                        + " AND series_id = ? AND ts >= ? AND ts < ? ORDER BY ts";
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, id);
            p.setLong(2, from.toEpochMilli());
            p.setLong(3, to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Point(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)));
                }
            }
        }
        return out;
    }

    /** The buckets of one rollup tier in [from, to) with their reading counts, oldest first. */
    public List<Bucket> buckets(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException {
        if (tier == Tier.RAW) {
            throw new IllegalArgumentException("buckets come from a rollup tier");
        }
        Integer id = knownId(ups, var);
        List<Bucket> out = new ArrayList<>();
        if (id == null) {
            return out;
        }
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT ts, avg_value, n "
                + "FROM rollups WHERE tier = " + tier.ordinal() + " AND series_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            p.setInt(1, id);
            p.setLong(2, from.toEpochMilli());
            p.setLong(3, to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Bucket(r.getLong(1), r.getDouble(2), r.getInt(3)));
                }
            }
        }
        return out;
    }

    /** An archived event. */
    public record ArchivedEvent(long id, Instant at, String ups, String type, String level, String message,
                                Map<String, Object> details, Instant ackedAt, String ackedBy) {
    }

    /** Appends journal entries to the archive in one transaction. */
    public void writeEvents(List<io.gridwatch.journal.EventJournal.Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO events (ts, ups, type, level, message, details, event_key) VALUES (?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (event_key) DO NOTHING")) {
                for (io.gridwatch.journal.EventJournal.Entry e : entries) {
                    p.setLong(1, e.at().toEpochMilli());
                    p.setString(2, e.ups());
                    p.setString(3, e.type());
                    p.setString(4, e.level().name().toLowerCase(java.util.Locale.ROOT));
                    String m = e.message();
                    p.setString(5, m.length() > 2000 ? m.substring(0, 2000) : m);
                    p.setString(6, detailsJson(e.details()));
                    p.setString(7, e.key());
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Archived events, newest first, filtered (null: any), in [from, to), older than id {@code before}, at most
     * {@code limit}.
     */
    public List<ArchivedEvent> events(String ups, String type, String level, Instant from, Instant to, Long before,
                                      int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, ts, ups, type, level, message, acked_at, acked_by, details FROM events "
                + "WHERE ts >= ? AND ts < ?");
        List<Object> args = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
        if (ups != null) {
            sql.append(" AND LOWER(ups) = LOWER(?)");
            args.add(ups);
        }
        if (type != null) {
            sql.append(" AND type = ?");
            args.add(type);
        }
        if (level != null) {
            sql.append(" AND level = ?");
            args.add(level);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            args.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        List<ArchivedEvent> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long acked = r.getLong(7);
                    boolean wasAcked = !r.wasNull();
                    out.add(new ArchivedEvent(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), details(r.getString(9)),
                            wasAcked ? Instant.ofEpochMilli(acked) : null, r.getString(8)));
                }
            }
        }
        return out;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** An event's details as stored: JSON, at most 4000 characters (longer ones are dropped, the message stays). */
    static String detailsJson(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        String json = JSON.writeValueAsString(details);
        return json.length() > 4000 ? null : json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, java.util.LinkedHashMap.class);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Marks an event acknowledged; false when there is no such event or it already was. */
    public boolean ack(long id, String by, Instant at) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE events SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, by);
            p.setLong(3, id);
            return p.executeUpdate() == 1;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
