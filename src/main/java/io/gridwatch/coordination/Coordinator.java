package io.gridwatch.coordination;

import java.time.Instant;

/**
 * Who does the site's once-only work. A server alone always does it; a server of a site does it only while it
 * holds the site's lease, and records each piece before doing it, so that the next leader neither repeats what
 * was done nor drops what was not. Thread-safe.
 */
public interface Coordinator extends AutoCloseable {
    /** What to do with one piece of once-only work. */
    enum Decision {
        /** Do it now (and call {@link #done} after). */
        DO,
        /** Another server of the site (or this one before a restart) already did it. */
        DONE_ELSEWHERE,
        /** This server does not lead: leave it for now. */
        NOT_LEADING
    }

    /** How this server stands in its site, for /readyz, /api/v1/site and the dashboard. */
    record Status(String role, String server, String leader, long token, Instant leaderSince, String problem,
                  Instant checked) {
        public boolean leading() {
            return role.equals("alone") || role.equals("leader");
        }
    }

    /** Whether this server may do once-only work now. */
    boolean leading();

    /**
     * Claims one piece of once-only work. {@code kind} and {@code key} name what it is (a notification's channel,
     * type and UPS; a host's magic packet number), {@code at} when this server saw the need for it: the same piece
     * seen by another server within the site's window is the same piece. {@code ref} is this server's own id for
     * it (stable across retries and restarts).
     */
    Decision claim(String kind, String key, Instant at, String ref);

    /** The claimed piece {@code ref} was done. */
    void done(String ref);

    /**
     * For a server that does not lead: whether the leader did the piece this server also saw (it then counts as
     * done here too, each of the leader's pieces matching one of ours). Null when not known (no database).
     */
    String doneBy(String kind, String key, Instant at);

    Status status();

    @Override
    void close();

    /** The single-server case: always leading, nothing recorded. */
    static Coordinator alone(String server) {
        Instant since = Instant.now();
        return new Coordinator() {
            @Override
            public boolean leading() {
                return true;
            }

            @Override
            public Decision claim(String kind, String key, Instant at, String ref) {
                return Decision.DO;
            }

            @Override
            public void done(String ref) {
            }

            @Override
            public String doneBy(String kind, String key, Instant at) {
                return null;
            }

            @Override
            public Status status() {
                return new Status("alone", server, server, 0, since, null, Instant.now());
            }

            @Override
            public void close() {
            }
        };
    }
}
