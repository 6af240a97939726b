package io.gridwatch.power;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;

/**
 * Debounces one mains sensor (a sentinel host, a GPIO line, a command): it counts as down only after
 * {@code failRounds} failed readings in a row, and as up again on the first good one; until then it is
 * unknown. Keeps what the hub shows about it: up/down, since when, last round-trip time, last error. Pure
 * state; not thread-safe (owned by one driver, which serializes access).
 */
public final class SensorTracker {
    private final String name;
    private final String target;
    private final int failRounds;
    private int consecutiveFailures;
    private boolean up = true;
    private boolean known;
    private Instant since;
    private Duration lastRtt;
    private Instant lastReading;
    private String lastError;

    /** @param target what is probed, for display (an address, a URL, a GPIO line) */
    public SensorTracker(String name, String target, int failRounds, Instant start) {
        if (failRounds < 1) {
            throw new IllegalArgumentException("failRounds must be at least 1");
        }
        this.name = name;
        this.target = target;
        this.failRounds = failRounds;
        this.since = start;
    }

    /**
     * Records a probe's result; returns true when the debounced state changed. A probe that could not be
     * carried out (ERROR) is no evidence either way: it changes nothing but the last error.
     */
    public boolean record(ProbeResult r, Instant at) {
        if (r.outcome() == ProbeResult.Outcome.ERROR) {
            lastError = r.detail();
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
        } else {
            consecutiveFailures++;
            lastError = r.detail();
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

    /** Known to be dark (debounced). */
    public boolean down() {
        return known && !up;
    }

    public SensorStatus state() {
        return new SensorStatus(name, target, up, known, since, lastRtt, lastReading, consecutiveFailures, lastError);
    }

}
