package io.gridwatch.probe;

import java.time.Duration;

/**
 * The outcome of one probe: the target answered (with its round-trip time), did not answer, or the probe
 * could not be carried out at all (no permission, no ping program). The last is not evidence of anything
 * about the target, so it never counts as the target being down. Immutable.
 */
public record ProbeResult(Outcome outcome, Duration rtt, String detail) {

    /** Answered, silent, or unknown because the probe itself failed. */
    public enum Outcome { UP, DOWN, ERROR }

    public static ProbeResult up(Duration rtt) {
        return new ProbeResult(Outcome.UP, rtt, null);
    }

    public static ProbeResult down(String why) {
        return new ProbeResult(Outcome.DOWN, null, why);
    }

    public static ProbeResult error(String why) {
        return new ProbeResult(Outcome.ERROR, null, why);
    }
}
