package io.gridwatch.power;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;

/**
 * Debounces one mains sensor (a sentinel host, a GPIO line, a command): it counts as down only after
 * {@code failRounds} failed readings in a row, and as up again on the first good one; until then it is
 * unknown. Separately it keeps since when the sensor has answered <em>every</em> probe ({@link #answeringSince}):
 * any failed or impossible probe, or a gap between readings longer than {@code maxGap}, restarts that count. The
 * debounce decides when power is lost, the unbroken run when it is back ({@link GridDecision}). Keeps what the hub
 * shows about it: up/down, since when, last round-trip time, last error. Pure state; not thread-safe (owned by
 * one driver, which serializes access).
 */
public final class SensorTracker {
    private final String name;
    private final String target;
    private final int failRounds;
    private final Duration maxGap;
    private int consecutiveFailures;
    private boolean up = true;
    private boolean known;
    private Instant since;
    private Duration lastRtt;
    private Instant lastReading;
    private Instant lastAttempt;
    private Instant answeringSince;
    private String lastError;

    /**
     * @param target what is probed, for display (an address, a URL, a GPIO line)
     * @param maxGap the longest expected time between two readings (about two intervals and a timeout): a longer
     *               silence means probes did not run, so an unbroken run of answers cannot be claimed across it
     */
    public SensorTracker(String name, String target, int failRounds, Duration maxGap, Instant start) {
        if (failRounds < 1) {
            throw new IllegalArgumentException("failRounds must be at least 1");
        }
        this.name = name;
        this.target = target;
        this.failRounds = failRounds;
        this.maxGap = maxGap;
        this.since = start;
    }

    /**
     * Records a probe's result; returns true when the debounced state changed. A probe that could not be
     * carried out (ERROR) is no evidence of a power cut: it changes nothing but the last error, and breaks the
     * unbroken run of answers (nobody answered).
     */
    public boolean record(ProbeResult r, Instant at) {
        boolean gap = lastAttempt != null && Duration.between(lastAttempt, at).compareTo(maxGap) > 0;
        lastAttempt = at;
        if (r.outcome() == ProbeResult.Outcome.ERROR) {
            lastError = r.detail();
            answeringSince = null;
            return false;
        }
        lastReading = at;
        boolean before = up;
        boolean wasKnown = known;
        if (r.outcome() == ProbeResult.Outcome.UP) {
            consecutiveFailures = 0;
            lastRtt = r.rtt();
            lastError = null;
            up = true;
            known = true;
            if (answeringSince == null || gap) {
                answeringSince = at;
            }
        } else {
            consecutiveFailures++;
            lastError = r.detail();
            answeringSince = null;
            if (consecutiveFailures >= failRounds) {
                up = false;
                known = true;
            }
        }
        boolean changed = known && (before != up || !wasKnown);
        if (changed) {
            since = at;
        }
        return changed;
    }

    /** Known to be answering. */
    public boolean up() {
        return known && up;
    }

    /** Failed its last probe (one or more in a row) and not yet counted dark: the debounce is counting. */
    public boolean failing() {
        return consecutiveFailures > 0 && !down();
    }

    /** Known to be dark (debounced). */
    public boolean down() {
        return known && !up;
    }

    /**
     * Whether this sensor has answered every probe for at least {@code span} up to {@code now}, and is still
     * being probed (its last reading is no older than the longest expected gap).
     */
    public boolean steadyFor(Duration span, Instant now) {
        return answeringSince != null && lastReading != null
                && Duration.between(lastReading, now).compareTo(maxGap) <= 0
                && !now.isBefore(answeringSince.plus(span));
    }

    /** Whether this sensor gave a reading (up or down, not an error) within the longest expected gap before {@code now}. */
    public boolean readingAt(Instant now) {
        return lastReading != null && Duration.between(lastReading, now).compareTo(maxGap) <= 0;
    }

    public SensorStatus state() {
        return new SensorStatus(name, target, up, known, since, up() ? lastRtt : null, lastReading,
                consecutiveFailures, lastError, answeringSince);
    }
}
