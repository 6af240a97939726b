package io.gridwatch.power;

import java.time.Duration;

/**
 * How mains sensors are turned into a grid decision: how many must be dark ({@code quorum}; 0 means all), how
 * many failed readings in a row make one dark ({@code failRounds}), how long they must look good before power
 * counts as back ({@code restoreAfter}), and the default probe interval and timeout. Immutable.
 */
public record GridSettings(int quorum, int failRounds, Duration restoreAfter, Duration interval, Duration timeout) {

    /** Detection of a loss within about four seconds: three missed one-second rounds. */
    public static GridSettings defaults() {
        return new GridSettings(0, 3, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(800));
    }

    /** The quorum for {@code sensors} sensors: all of them when 0, never more than there are. */
    public int quorumOf(int sensors) {
        return quorum <= 0 ? sensors : Math.min(quorum, sensors);
    }
}
