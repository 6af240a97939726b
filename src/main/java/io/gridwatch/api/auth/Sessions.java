package io.gridwatch.api.auth;

import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dashboard sessions: a random id in an HttpOnly cookie, a per-session CSRF token the page sends back in a header
 * on every write, an idle timeout. Kept in {@code sessions.json} under the data folder, so a restart of the server
 * does not log everyone out; the file holds only a SHA-256 digest of each id (a copy of it opens no session). At
 * most {@code MAX} at once (the least recently used goes first). Ended on logout, and when the user's password or
 * role changes or the user is removed; an ended session is gone from the file at once. Thread-safe.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX = 10_000;
    /** How often the last-seen times are written (a session's idle timeout is counted in hours). */
    static final Duration TOUCH_SAVE = Duration.ofMinutes(1);

    /** One logged-in browser. {@code lastSeen} moves on each request. */
    public static final class Session {
        private final String key;
        private final String id;
        private final String user;
        private final String csrf;
        private final Instant created;
        private volatile Instant lastSeen;

        Session(String key, String id, String user, String csrf, Instant created, Instant lastSeen) {
            this.key = key;
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = lastSeen;
        }

        /** The cookie value: known only to the session just created (afterwards only its digest is kept). */
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

    /** A session as saved. */
    record Saved(String key, String user, String csrf, Instant created, Instant lastSeen) {
    }

    private final Clock clock;
    private final Duration idle;
    private final Path file;
    private final Map<String, Session> byKey = new ConcurrentHashMap<>();
    private volatile Instant lastSave = Instant.MIN;
    private volatile boolean touched;

    /** In memory only. */
    public Sessions(Clock clock, Duration idle) {
        this(clock, idle, null);
    }

    /** @param file where sessions are kept across restarts (null: in memory only) */
    public Sessions(Clock clock, Duration idle, Path file) {
        this.clock = clock;
        this.idle = idle;
        this.file = file;
        load();
    }

    public Session create(String user) {
        if (byKey.size() >= MAX) {
            byKey.values().stream().min(Comparator.comparing(s -> s.lastSeen)).ifPresent(s -> byKey.remove(s.key));
        }
        String id = AuthStore.Secrets.token(32);
        Instant now = clock.instant();
        Session s = new Session(AuthStore.digest(id), id, user, AuthStore.Secrets.token(24), now, now);
        byKey.put(s.key, s);
        save();
        return s;
    }

    /** The live session with this cookie value, touched; empty when unknown or idle too long. */
    public Optional<Session> find(String id) {
        if (id == null || id.length() > 256) {
            return Optional.empty();
        }
        String key = AuthStore.digest(id);
        Session s = byKey.get(key);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idle))) {
            byKey.remove(key);
            save();
            return Optional.empty();
        }
        s.lastSeen = now;
        touched = true;
        if (now.isAfter(lastSave.plus(TOUCH_SAVE))) {
            save();
        }
        return Optional.of(s);
    }

    /** Whether a session is still open (not ended, not idle too long); does not touch it. */
    public boolean alive(Session s) {
        return byKey.get(s.key) == s && !clock.instant().isAfter(s.lastSeen.plus(idle));
    }

    /** Ends one session (logout). */
    public void end(Session s) {
        if (s != null && byKey.remove(s.key) != null) {
            save();
        }
    }

    /** Ends every session of a user (password changed, role changed, user removed). */
    public void endAll(String user) {
        if (byKey.values().removeIf(s -> s.user.equals(user))) {
            save();
        }
    }

    /** How many sessions are open. */
    public int count() {
        return byKey.size();
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (Saved x : JSON.readValue(file.toFile(), Saved[].class)) {
                if (x != null && x.key() != null && x.user() != null && x.lastSeen() != null
                        && !now.isAfter(x.lastSeen().plus(idle))) {
                    byKey.put(x.key(), new Session(x.key(), null, x.user(), x.csrf(), x.created(), x.lastSeen()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{} cannot be read ({}); everyone logs in again", file, e.getMessage());
        }
    }

    private synchronized void save() {
        if (file == null) {
            return;
        }
        List<Saved> out = new ArrayList<>();
        for (Session s : byKey.values()) {
            out.add(new Saved(s.key, s.user, s.csrf, s.created, s.lastSeen));
        }
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(out), true);
            lastSave = clock.instant();
            touched = false;
        } catch (IOException | RuntimeException e) {
            LOG.error("could not save the dashboard sessions to {}: {}", file, e.getMessage());
        }
    }

    /** Writes the last-seen times if any moved since the last write (called at shutdown). */
    public void flush() {
        if (touched) {
            save();
        }
    }
}
