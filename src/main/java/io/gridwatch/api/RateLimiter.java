package io.gridwatch.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at {@code perSecond}. At most
 * {@link #MAX_ADDRESSES} addresses are tracked (the one heard from least recently is forgotten first), so a
 * flood from many addresses costs bounded memory. Thread-safe.
 */
final class RateLimiter {
    static final int MAX_ADDRESSES = 10_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from the address's bucket; false when it is empty (answer 429). */
    synchronized boolean allow(String address, long nowNanos) {
        double[] b = buckets.computeIfAbsent(address, k -> new double[] {burst, nowNanos});
        double tokens = Math.min(burst, b[0] + (nowNanos - b[1]) / 1e9 * perSecond);
        b[1] = nowNanos;
        if (tokens < 1) {
            b[0] = tokens;
            return false;
        }
        b[0] = tokens - 1;
        return true;
    }

    /** Seconds until the address may send again (for Retry-After). */
    long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }
}
