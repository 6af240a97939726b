package io.gridwatch.power;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether grid power is present from debounced sensors: lost as soon as {@code quorum} of them are
 * known to be down (each already debounced over several rounds); restored only once so many are known to be
 * up that fewer than {@code quorum} could be down, without interruption for {@code restoreAfter} (hysteresis
 * against flapping). Sensors not known yet (just started, or probes failing) never decide anything: the state
 * holds. Pure: the caller passes the counts and the time; not thread-safe.
 */
public final class GridDecision {
    private final int quorum;
    private final Duration restoreAfter;
    private boolean present = true;
    private Instant since;
    private Instant goodSince;

    /** @param quorum how many sensors must be down for the grid to count as lost (1..sensors) */
    public GridDecision(int quorum, Duration restoreAfter, Instant start) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1");
        }
        this.quorum = quorum;
        this.restoreAfter = restoreAfter;
        this.since = start;
    }

    /** Feeds the current counts; returns true when the grid state changed. */
    public boolean update(int up, int down, int total, Instant now) {
        boolean lostNow = down >= quorum;
        boolean clearlyBack = up >= total - quorum + 1;
        if (present) {
            if (lostNow) {
                present = false;
                since = now;
                goodSince = null;
                return true;
            }
            return false;
        }
        if (lostNow || !clearlyBack) {
            goodSince = null;
            return false;
        }
        if (goodSince == null) {
            goodSince = now;
        }
        if (!now.isBefore(goodSince.plus(restoreAfter))) {
            present = true;
            since = now;
            goodSince = null;
            return true;
        }
        return false;
    }

    public boolean present() {
        return present;
    }

    /** When the current state began. */
    public Instant since() {
        return since;
    }

    /** Puts the decision back into a persisted state (a restart in the middle of an outage). */
    public void restore(boolean wasPresent, Instant wasSince) {
        present = wasPresent;
        since = wasSince;
        goodSince = null;
    }

    public int quorum() {
        return quorum;
    }
}
