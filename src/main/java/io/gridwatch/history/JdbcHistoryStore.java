package io.gridwatch.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * History in a relational database, SQLite (a file, the default) or PostgreSQL, with the same SQL on both and
 * migrations per {@link SqlDialect}. A series (one variable of one UPS) has a small id, kept in memory.
 */
final class JdbcHistoryStore implements HistoryStore {
    private final HikariDataSource pool;
    private final JdbcEventArchive events;
    private final Map<String, Integer> ids = new HashMap<>();

    private JdbcHistoryStore(HikariDataSource pool) {
        this.pool = pool;
        this.events = new JdbcEventArchive(pool);
    }

    /** Connects, migrates the schema, and loads the series ids. */
    static JdbcHistoryStore open(String url, String user, String password) throws SQLException {
        SqlDialect dialect = SqlDialect.of(url);
        dialect.prepare(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setPoolName("history");
        hc.setConnectionTimeout(10_000); // a database that does not answer holds up neither start nor stop for long
        hc.setInitializationFailTimeout(-1);
        dialect.configure(hc);
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations(dialect.migrations())
                    .table("gridwatch_schema_history").load().migrate();
            JdbcHistoryStore store = new JdbcHistoryStore(pool);
            try (Connection c = pool.getConnection()) {
                store.loadIds(c);
            }
            return store;
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    private synchronized void loadIds(Connection c) throws SQLException {
        ids.clear();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, ups, var FROM series")) {
            while (r.next()) {
                ids.put(key(r.getString(2), r.getString(3)), r.getInt(1));
            }
        }
    }

    private static String key(String ups, String var) {
        return ups + "\u0000" + var;
    }

    /** The id of a series already written, or null. */
    private synchronized Integer knownId(String ups, String var) {
        return ids.get(key(ups, var));
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
        ids.put(key(ups, var), next);
        return next;
    }

    @Override
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

    @Override
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
        // a bucket is recomputed whole: start at the beginning of the bucket that holds 'from'
        try (PreparedStatement p = c.prepareStatement(rollUpSql(tier))) {
            p.setLong(1, Math.floorDiv(from, bucket) * bucket);
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

    /** The upsert of one tier's buckets in [?, ?): from the raw samples for minutes, else from the tier below. */
    private static String rollUpSql(Tier tier) {
        long bucket = tier.bucket().toMillis();
        String select = tier == Tier.MINUTE
                ? "SELECT series_id, (ts / %d) * %d AS b, MIN(value), AVG(value), MAX(value), COUNT(*) FROM samples "
                        + "WHERE ts >= ? AND ts < ? GROUP BY series_id, (ts / %d) * %d"
                : "SELECT series_id, (ts / %d) * %d AS b, MIN(min_value), SUM(avg_value * n) / SUM(n), MAX(max_value), "
                        + "SUM(n) FROM rollups WHERE tier = " + (tier.ordinal() - 1) + " AND ts >= ? AND ts < ? "
                        + "GROUP BY series_id, (ts / %d) * %d";
        return "INSERT INTO rollups (tier, series_id, ts, min_value, avg_value, max_value, n) SELECT "
                + tier.ordinal() + ", x.* FROM (" + select.formatted(bucket, bucket, bucket, bucket) + ") x "
                + "WHERE true " // SQLite needs a WHERE before an upsert's ON CONFLICT in INSERT ... SELECT
                + "ON CONFLICT (tier, series_id, ts) DO UPDATE SET min_value = excluded.min_value, "
                + "avg_value = excluded.avg_value, max_value = excluded.max_value, n = excluded.n";
    }

    private static long progress(Connection c, Tier tier) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT done_until FROM rollup_progress WHERE tier = ?")) {
            p.setInt(1, tier.ordinal());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MIN_VALUE / 2;
            }
        }
    }

    @Override
    public void prune(Instant now, Map<Tier, Duration> retention) throws SQLException {
        try (Connection c = pool.getConnection()) {
            for (Map.Entry<Tier, Duration> e : retention.entrySet()) {
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

    @Override
    public List<Point> query(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException {
        String sql = tier == Tier.RAW
                ? "SELECT ts, value, value, value FROM samples WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts"
                : "SELECT ts, min_value, avg_value, max_value FROM rollups WHERE tier = " + tier.ordinal()
                        + " AND series_id = ? AND ts >= ? AND ts < ? ORDER BY ts";
        List<Point> out = new ArrayList<>();
        select(sql, ups, var, from, to, r -> out.add(new Point(r.getLong(1), r.getDouble(2), r.getDouble(3),
                r.getDouble(4))));
        return out;
    }

    @Override
    public List<Bucket> buckets(String ups, String var, Instant from, Instant to, Tier tier) throws SQLException {
        if (tier == Tier.RAW) {
            throw new IllegalArgumentException("buckets come from a rollup tier");
        }
        List<Bucket> out = new ArrayList<>();
        select("SELECT ts, avg_value, n FROM rollups WHERE tier = " + tier.ordinal()
                + " AND series_id = ? AND ts >= ? AND ts < ? ORDER BY ts", ups, var, from, to,
                r -> out.add(new Bucket(r.getLong(1), r.getDouble(2), r.getInt(3))));
        return out;
    }

    private interface Row {
        void read(ResultSet r) throws SQLException;
    }

    /** Runs a range query on one series (nothing when the series was never written). */
    private void select(String sql, String ups, String var, Instant from, Instant to, Row row) throws SQLException {
        Integer id = knownId(ups, var);
        if (id == null) {
            return;
        }
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, id);
            p.setLong(2, from.toEpochMilli());
            p.setLong(3, to.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    row.read(r);
                }
            }
        }
    }

    @Override
    public EventArchive events() {
        return events;
    }

    @Override
    public void close() {
        pool.close();
    }
}
