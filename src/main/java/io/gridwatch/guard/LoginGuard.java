package io.gridwatch.guard;

import io.gridwatch.protocol.Printable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing, on the NUT side and the HTTP side alike (one guard, so an address cannot split
 * its guesses between the two): per client address and per user name, the first {@value #FREE} failed logins cost
 * nothing; each further one locks that key for twice as long as the last (1 s, 2 s, 4 s... up to 15 min), during
 * which every attempt is refused without the password being looked at. A success clears both keys; failures are
 * forgotten after 15 quiet minutes. Every failure is logged with the address and the user name as typed (a short,
 * escaped prefix), never the password; a lock once, when it begins. At most {@value #MAX_KEYS} keys are held.
 * Thread-safe.
 */
public final class LoginGuard {
    private static final Logger LOG = LoggerFactory.getLogger("io.gridwatch.security");
    public static final int FREE = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int MAX_KEYS = 100_000;

    private record Attempts(int failures, Instant last, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Attempts> keys = new ConcurrentHashMap<>();

    public LoginGuard(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before trying again; empty when it may try now. */
    public Optional<Duration> wait(String address, String user) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String k : keys(address, user)) {
            Attempts a = keys.get(k);
            if (a != null && a.lockedUntil() != null && now.isBefore(a.lockedUntil())) {
                Duration d = Duration.between(now, a.lockedUntil());
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** A failed login over {@code protocol} ("NUT", "HTTP"). */
    public void failed(String protocol, String address, String user) {
        Instant now = clock.instant();
        Duration lock = null;
        for (String k : keys(address, user)) {
            Attempts a = keys.compute(k, (key, old) -> {
                int n = old == null || now.isAfter(old.last().plus(MAX_LOCK)) ? 1 : old.failures() + 1;
                Instant until = null;
                if (n > FREE) {
                    long secs = 1L << Math.min(n - FREE - 1, 20);
                    Duration d = Duration.ofSeconds(secs).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofSeconds(secs);
                    until = now.plus(d);
                }
                return new Attempts(n, now, until);
            });
            if (a.lockedUntil() != null) {
                Duration d = Duration.between(now, a.lockedUntil());
                lock = lock == null || d.compareTo(lock) > 0 ? d : lock;
            }
        }
        if (lock == null) {
            LOG.warn("failed {} login from {} as user \"{}\"", protocol, address, Printable.clip(user));
        } else {
            LOG.warn("failed {} login from {} as user \"{}\": further logins from there, and as that user, are refused "
                    + "for {} s", protocol, address, Printable.clip(user), Math.max(1, lock.toSeconds()));
        }
        if (keys.size() > MAX_KEYS) {
            keys.entrySet().removeIf(e -> now.isAfter(e.getValue().last().plus(MAX_LOCK)));
            while (keys.size() > MAX_KEYS) {
                keys.remove(keys.keySet().iterator().next());
            }
        }
    }

    public void succeeded(String address, String user) {
        for (String k : keys(address, user)) {
            keys.remove(k);
        }
    }

    private static String[] keys(String address, String user) {
        String u = user == null ? "" : user.length() > 64 ? user.substring(0, 64) : user;
        return new String[] {"ip:" + address, "user:" + u};
    }
}
