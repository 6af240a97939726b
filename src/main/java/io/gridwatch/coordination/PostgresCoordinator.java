package io.gridwatch.coordination;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's lease in PostgreSQL. One row per site names the holder (this server's name and a per-process id, so
 * two processes given one name cannot both lead), a fencing token that grows with every change of holder, and an
 * expiry on the database's clock. Every {@code lease / 4} each server tries to take or renew it; the holder leads
 * only until {@code lease} minus a margin after its last renewal began, measured on its own monotonic clock, so a
 * leader cut off from the database stops before anyone else can start.
 *
 * <p>Once-only work is recorded in {@code gridwatch_once} before it is done, in a transaction that first locks the
 * lease row and checks the token: a deposed leader cannot claim anything. A claim finds the same piece done by
 * another server (same kind and key, the nearest sighting within the window) and then is not done again; a piece claimed but never
 * marked done by a leader that died is done again by the next (at least once, never zero). Each server matches one
 * of another's records at most once ({@code gridwatch_once_seen}), so two real outages a minute apart are two.
 */
public final class PostgresCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCoordinator.class);
    private static final long SCHEMA_LOCK = 0x6777_6c65_6173_65L; // pg_advisory_xact_lock key for the DDL

    private final CoordinationSettings settings;
    private final String holder;
    private final java.util.concurrent.ScheduledExecutorService renewals;
    private volatile boolean running = true;
    private Connection connection;
    // what the last renewal found, guarded by this
    private boolean holding;
    private long validUntilNanos;
    private long token;
    private String leader;
    private Instant leaderSince;
    private String problem = "not checked yet";
    private Instant checked;
    private boolean reported; // what the log last said: leading or not

    public PostgresCoordinator(CoordinationSettings settings) {
        this.settings = settings;
        this.holder = settings.server() + "/" + UUID.randomUUID();
        renew();
        // renewed every quarter of the lease, on a thread of its own (a slow database holds up nothing else)
        this.renewals = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("coordination").factory());
        long period = Math.max(50, settings.lease().toMillis() / 4);
        renewals.scheduleWithFixedDelay(this::renew, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** One round: take the lease if free or ours, else read who has it. */
    synchronized void renew() {
        if (!running) {
            return;
        }
        long started = System.nanoTime();
        try {
            Connection c = connection();
            c.setAutoCommit(true);
            try (PreparedStatement up = c.prepareStatement("""
                    INSERT INTO gridwatch_lease (site, holder, server, token, expires, since)
                    VALUES (?, ?, ?, 1, now() + make_interval(secs => ?), now())
                    ON CONFLICT (site) DO UPDATE SET holder = EXCLUDED.holder, server = EXCLUDED.server,
                        token = CASE WHEN gridwatch_lease.holder = EXCLUDED.holder THEN gridwatch_lease.token
                                     ELSE gridwatch_lease.token + 1 END,
                        since = CASE WHEN gridwatch_lease.holder = EXCLUDED.holder THEN gridwatch_lease.since
                                     ELSE now() END,
                        expires = EXCLUDED.expires
                    WHERE gridwatch_lease.holder = EXCLUDED.holder OR gridwatch_lease.expires < now()
                    RETURNING token, since""")) {
                up.setString(1, settings.site());
                up.setString(2, holder);
                up.setString(3, settings.server());
                up.setDouble(4, settings.lease().toMillis() / 1000.0);
                try (ResultSet r = up.executeQuery()) {
                    if (r.next()) {
                        holding = true;
                        token = r.getLong(1);
                        leader = settings.server();
                        leaderSince = r.getTimestamp(2).toInstant();
                        validUntilNanos = started + settings.lease().toNanos() - settings.lease().toNanos() / 8;
                    } else {
                        holding = false;
                        try (PreparedStatement q = c.prepareStatement(
                                "SELECT server, token, since FROM gridwatch_lease WHERE site = ?")) {
                            q.setString(1, settings.site());
                            try (ResultSet s = q.executeQuery()) {
                                if (s.next()) {
                                    leader = s.getString(1);
                                    token = s.getLong(2);
                                    leaderSince = s.getTimestamp(3).toInstant();
                                }
                            }
                        }
                    }
                }
            }
            problem = null;
        } catch (SQLException e) {
            dropConnection();
            String why = "the coordination database does not answer: " + e.getMessage();
            if (!why.equals(problem)) {
                LOG.warn("{} (this server does no once-only work until it answers)", why);
            }
            problem = why;
        }
        checked = Instant.now();
        boolean now = leadingLocked();
        if (now != reported) {
            reported = now;
            if (now) {
                LOG.info("site {}: this server ({}) leads now (token {})", settings.site(), settings.server(), token);
            } else {
                LOG.info("site {}: this server ({}) no longer leads{}", settings.site(), settings.server(),
                        leader == null || leader.equals(settings.server()) ? "" : " (" + leader + " does)");
            }
        }
    }

    private boolean leadingLocked() {
        return holding && System.nanoTime() - validUntilNanos < 0;
    }

    @Override
    public synchronized boolean leading() {
        return running && leadingLocked();
    }

    @Override
    public synchronized Decision claim(String kind, String key, Instant at, String ref) {
        if (!leading()) {
            return Decision.NOT_LEADING;
        }
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                Decision d = claimIn(c, kind, key, at, ref);
                c.commit();
                return d;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            dropConnection();
            LOG.warn("cannot record {} {} in the coordination database: {} (left for later)", kind, key,
                    e.getMessage());
            return Decision.NOT_LEADING;
        }
    }

    private Decision claimIn(Connection c, String kind, String key, Instant at, String ref) throws SQLException {
        try (PreparedStatement fence = c.prepareStatement(
                "SELECT token FROM gridwatch_lease WHERE site = ? AND holder = ? AND expires > now() FOR UPDATE")) {
            fence.setString(1, settings.site());
            fence.setString(2, holder);
            try (ResultSet r = fence.executeQuery()) {
                if (!r.next() || r.getLong(1) != token) {
                    holding = false;
                    return Decision.NOT_LEADING;
                }
            }
        }
        try (PreparedStatement mine = c.prepareStatement(
                "SELECT done FROM gridwatch_once WHERE site = ? AND server = ? AND ref = ?")) {
            mine.setString(1, settings.site());
            mine.setString(2, settings.server());
            mine.setString(3, ref);
            try (ResultSet r = mine.executeQuery()) {
                if (r.next()) {
                    return r.getBoolean(1) ? Decision.DONE_ELSEWHERE : Decision.DO; // a retry of our own claim
                }
            }
        }
        Long other = match(c, kind, key, at, true);
        if (other != null) {
            return Decision.DONE_ELSEWHERE;
        }
        // what another server claimed and never finished is ours to do: counted as seen, so it matches nothing later
        match(c, kind, key, at, false);
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO gridwatch_once (site, kind, key, at, server, ref, token)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, server, ref) DO NOTHING""")) {
            ins.setString(1, settings.site());
            ins.setString(2, kind);
            ins.setString(3, key);
            ins.setTimestamp(4, Timestamp.from(at));
            ins.setString(5, settings.server());
            ins.setString(6, ref);
            ins.setLong(7, token);
            ins.executeUpdate();
        }
        return Decision.DO;
    }

    /**
     * The record of another server nearest in time to this sighting, of the same kind and key, within the window,
     * that this server has not matched yet; marked as matched. Nearest, not oldest: a server that has just started
     * never saw the events before it, and must not pair its sightings with those.
     */
    private Long match(Connection c, String kind, String key, Instant at, boolean done) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                SELECT o.id FROM gridwatch_once o
                WHERE o.site = ? AND o.kind = ? AND o.key = ? AND o.server <> ? AND o.done = ?
                  AND o.at BETWEEN ? AND ?
                  AND NOT EXISTS (SELECT 1 FROM gridwatch_once_seen s WHERE s.once_id = o.id AND s.server = ?)
                ORDER BY abs(extract(epoch FROM o.at - ?)), o.id LIMIT 1""")) {
            q.setString(1, settings.site());
            q.setString(2, kind);
            q.setString(3, key);
            q.setString(4, settings.server());
            q.setBoolean(5, done);
            q.setTimestamp(6, Timestamp.from(at.minus(settings.window())));
            q.setTimestamp(7, Timestamp.from(at.plus(settings.window())));
            q.setString(8, settings.server());
            q.setTimestamp(9, Timestamp.from(at));
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                long id = r.getLong(1);
                try (PreparedStatement seen = c.prepareStatement(
                        "INSERT INTO gridwatch_once_seen (once_id, server) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    seen.setLong(1, id);
                    seen.setString(2, settings.server());
                    seen.executeUpdate();
                }
                return id;
            }
        }
    }

    @Override
    public synchronized void done(String ref) {
        if (!running) {
            return;
        }
        try (PreparedStatement up = connection().prepareStatement(
                "UPDATE gridwatch_once SET done = true WHERE site = ? AND server = ? AND ref = ?")) {
            up.setString(1, settings.site());
            up.setString(2, settings.server());
            up.setString(3, ref);
            up.executeUpdate();
        } catch (SQLException e) {
            dropConnection();
            LOG.warn("cannot record that {} was done: {} (the next leader may do it again)", ref, e.getMessage());
        }
    }

    @Override
    public synchronized String doneBy(String kind, String key, Instant at) {
        if (!running) {
            return null;
        }
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                Long id = match(c, kind, key, at, true);
                String by = null;
                if (id != null) {
                    try (PreparedStatement q = c.prepareStatement("SELECT server FROM gridwatch_once WHERE id = ?")) {
                        q.setLong(1, id);
                        try (ResultSet r = q.executeQuery()) {
                            by = r.next() ? r.getString(1) : null;
                        }
                    }
                }
                c.commit();
                return by;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            dropConnection();
            return null;
        }
    }

    @Override
    public synchronized Status status() {
        String role = leadingLocked() ? "leader" : problem != null ? "no_database" : "follower";
        return new Status(role, settings.server(), problem != null && !leadingLocked() ? null : leader, token,
                leaderSince, problem, checked);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties p = new Properties();
            if (settings.user() != null) {
                p.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                p.setProperty("password", settings.password());
            }
            long seconds = Math.max(1, settings.lease().toSeconds() / 2);
            p.setProperty("connectTimeout", Long.toString(seconds));
            p.setProperty("socketTimeout", Long.toString(seconds));
            p.setProperty("loginTimeout", Long.toString(seconds));
            p.setProperty("ApplicationName", "gridwatch " + settings.server());
            Connection c = DriverManager.getConnection(settings.url(), p);
            try {
                schema(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static void schema(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // two servers starting together must not race on CREATE TABLE IF NOT EXISTS
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS gridwatch_lease (site TEXT PRIMARY KEY, holder TEXT NOT NULL,
                        server TEXT NOT NULL, token BIGINT NOT NULL, expires TIMESTAMPTZ NOT NULL,
                        since TIMESTAMPTZ NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS gridwatch_once (id BIGSERIAL PRIMARY KEY, site TEXT NOT NULL,
                        kind TEXT NOT NULL, key TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, server TEXT NOT NULL,
                        ref TEXT NOT NULL, token BIGINT NOT NULL, done BOOLEAN NOT NULL DEFAULT false,
                        recorded TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (site, server, ref))""");
            s.execute("CREATE INDEX IF NOT EXISTS gridwatch_once_by_key ON gridwatch_once (site, kind, key, at)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS gridwatch_once_seen (once_id BIGINT NOT NULL, server TEXT NOT NULL,
                        PRIMARY KEY (once_id, server))""");
            // records older than a month match nothing any more (the window is minutes): keep the tables small
            s.execute("DELETE FROM gridwatch_once WHERE recorded < now() - interval '30 days'");
            s.execute("DELETE FROM gridwatch_once_seen s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM gridwatch_once o WHERE o.id = s.once_id)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the coordination connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Stops renewing; a lease held is given up at once, so that another server takes over without waiting. */
    @Override
    public void close() {
        running = false;
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (holding && connection != null) {
                try (PreparedStatement p = connection.prepareStatement(
                        "UPDATE gridwatch_lease SET expires = now() - interval '1 second' WHERE site = ? AND holder = ?")) {
                    p.setString(1, settings.site());
                    p.setString(2, holder);
                    p.executeUpdate();
                } catch (SQLException e) {
                    LOG.debug("giving up the lease: {}", e.getMessage());
                }
            }
            holding = false;
            dropConnection();
        }
    }

    /**
     * Ends this coordinator as a killed process would end it: nothing given up, the connection just dropped, so
     * the others wait for the lease to run out. For tests and the takeover benchmark.
     */
    public void crash() {
        running = false;
        renewals.shutdownNow();
        synchronized (this) {
            holding = false;
            dropConnection();
        }
    }
}
