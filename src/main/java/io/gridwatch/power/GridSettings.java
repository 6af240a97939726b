package io.gridwatch.power;

import java.time.Duration;

/**
 * How mains sensors are turned into a grid decision: how many must be dark ({@code quorum}; 0 means all), how
 * many failed readings in a row make one dark ({@code failRounds}), how long they must look good before power
 * counts as back ({@code restoreAfter}), the default probe interval and timeout, and the time between probes
 * while one is failing ({@code retry}). Immutable.
 */
public record GridSettings(int quorum, int failRounds, Duration restoreAfter, Duration interval, Duration timeout,
                           Duration retry) {

    /**
     * A loss is seen within about two and a half seconds: three failed probes, the first within a second of the
     * cut (the interval), the other two 250 ms apart (the retry interval, while a probe is failing), each given
     * 800 ms.
     */
    public static GridSettings defaults() {
        return new GridSettings(0, 3, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(800),
                Duration.ofMillis(250));
    }

    /** The quorum for {@code sensors} sensors: all of them when 0, never more than there are. */
    public int quorumOf(int sensors) {
        return quorum <= 0 ? sensors : Math.min(quorum, sensors);
    }
}
