package io.gridwatch.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: per client address and per user name, the first {@code FREE} failed logins cost
 * nothing; each further one locks that key for twice as long as the last (1 s, 2 s, 4 s... up to 15 min).
 * A success clears both keys; failures are forgotten after 15 quiet minutes. Thread-safe.
 */
public final class LoginLimiter {
    static final int FREE = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private record Attempts(int failures, Instant last, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Attempts> keys = new ConcurrentHashMap<>();

    public LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before trying again; empty when it may try now. */
    public Optional<Duration> wait(String address, String user) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String k : new String[] {"ip:" + address, "user:" + user}) {
            Attempts a = keys.get(k);
            if (a != null && a.lockedUntil() != null && now.isBefore(a.lockedUntil())) {
                Duration d = Duration.between(now, a.lockedUntil());
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String address, String user) {
        Instant now = clock.instant();
        for (String k : new String[] {"ip:" + address, "user:" + user}) {
            keys.compute(k, (key, a) -> {
                int n = a == null || now.isAfter(a.last().plus(MAX_LOCK)) ? 1 : a.failures() + 1;
                Instant until = null;
                if (n > FREE) {
                    long secs = 1L << Math.min(n - FREE - 1, 20);
                    Duration lock = Duration.ofSeconds(secs).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofSeconds(secs);
                    until = now.plus(lock);
                }
                return new Attempts(n, now, until);
            });
        }
        if (keys.size() > 100_000) {
            keys.entrySet().removeIf(e -> now.isAfter(e.getValue().last().plus(MAX_LOCK)));
        }
    }

    public void succeeded(String address, String user) {
        keys.remove("ip:" + address);
        keys.remove("user:" + user);
    }
}
