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

    /** The finest tier whose points over {@code range} stay within about 1 500 (a chart's width, twice over). */
    public static Tier forRange(Duration range, Duration sampleInterval) {
        long points = 1500;
        if (range.toMillis() / Math.max(1, sampleInterval.toMillis()) <= points) {
            return RAW;
        }
        for (Tier t : new Tier[] {MINUTE, HOUR}) {
            if (range.toMillis() / t.bucket.toMillis() <= points) {
                return t;
            }
        }
        return DAY;
    }
}
