package io.gridwatch.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions: a random id in an HttpOnly cookie, a per-session CSRF token the page sends back in a header
 * on every write, an idle timeout. In memory (a restart logs everyone out), at most {@code MAX} at once (the
 * least recently used goes first). Ended when the user's password or role changes. Thread-safe.
 */
public final class Sessions {
    static final int MAX = 10_000;

    /** One logged-in browser. {@code lastSeen} moves on each request. */
    public static final class Session {
        private final String id;
        private final String user;
        private final String csrf;
        private final Instant created;
        private volatile Instant lastSeen;

        Session(String id, String user, String csrf, Instant created) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        public String id() {
            return id;
        }

        public String user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }

        public Instant created() {
            return created;
        }
    }

    private final Clock clock;
    private final Duration idle;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    public Sessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    public Session create(String user) {
        if (byId.size() >= MAX) {
            byId.values().stream().min(Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> byId.remove(s.id));
        }
        Session s = new Session(AuthStore.Secrets.token(32), user, AuthStore.Secrets.token(24), clock.instant());
        byId.put(s.id, s);
        return s;
    }

    /** The live session with this id, touched; empty when unknown or idle too long. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of a user (password changed, role changed, user removed). */
    public void endAll(String user) {
        byId.values().removeIf(s -> s.user.equals(user));
    }
}
