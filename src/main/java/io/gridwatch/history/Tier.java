package io.gridwatch.history;

import java.time.Duration;

/** The resolutions history is kept at: raw samples, then minute, hour and day aggregates (min, avg, max). */
public enum Tier {
    RAW(Duration.ZERO), MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

    private final Duration bucket;

    Tier(Duration bucket) {
        this.bucket = bucket;
    }

    public Duration bucket() {
        return bucket;
    }

    /**
     * The finest tier for a chart of {@code range}: raw readings up to 5 000 points (the last hours, live to the
     * second), else the finest rollup with at most about 1 500 (a chart's width, twice over).
     */
    public static Tier forRange(Duration range, Duration sampleInterval) {
        if (range.toMillis() / Math.max(1, sampleInterval.toMillis()) <= 5000) {
            return RAW;
        }
        long points = 1500;
        for (Tier t : new Tier[] {MINUTE, HOUR}) {
            if (range.toMillis() / t.bucket.toMillis() <= points) {
                return t;
            }
        }
        return DAY;
    }
}
