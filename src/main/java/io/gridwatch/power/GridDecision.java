package io.gridwatch.power;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether grid power is present from the mains sensors. Lost as soon as {@code quorum} of them are known
 * to be down (each already debounced over several failed probes). Back only once enough sensors to end the
 * outage (so many that fewer than {@code quorum} could still be dark) have each answered every probe, without a
 * single failure, for the last {@code restoreAfter}: a sensor that misses one probe stops counting and starts its
 * own wait again, while the others keep theirs. Sensors not known yet (just started, or probes failing) never
 * decide anything: the state holds. Pure: the caller passes the sensors and the time; not thread-safe.
 */
public final class GridDecision {
    private final int quorum;
    private final Duration restoreAfter;
    private boolean present = true;
    private Instant since;

    /** @param quorum how many sensors must be down for the grid to count as lost (1..sensors) */
    public GridDecision(int quorum, Duration restoreAfter, Instant start) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1");
        }
        this.quorum = quorum;
        this.restoreAfter = restoreAfter;
        this.since = start;
    }

    /** Looks at the sensors as they are at {@code now}; returns true when the grid state changed. */
    public boolean update(List<SensorTracker> sensors, Instant now) {
        int down = 0;
        int steady = 0;
        for (SensorTracker s : sensors) {
            down += s.down() ? 1 : 0;
            steady += s.steadyFor(restoreAfter, now) ? 1 : 0;
        }
        if (present) {
            if (down >= quorum) {
                present = false;
                since = now;
                return true;
            }
            return false;
        }
        if (steady >= sensors.size() - quorum + 1) {
            present = true;
            since = now;
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
    }

    public int quorum() {
        return quorum;
    }

    public Duration restoreAfter() {
        return restoreAfter;
    }
}
