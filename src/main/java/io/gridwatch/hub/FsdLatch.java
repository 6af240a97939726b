package io.gridwatch.hub;

import java.time.Duration;
import java.time.Instant;

/**
 * When one UPS's FSD latch may be released: once a UPS that was on battery while the latch was set has been back
 * on line for {@code clearAfter}, so that machines powering back up are not told to shut down again. A latch set
 * while on line is released only after an outage and its recovery. Without {@code clearAfter} the latch holds
 * until restart, as upsd's does. Not thread-safe: the hub calls it under the UPS's lock.
 */
final class FsdLatch {
    private final Duration clearAfter;
    private Instant onLineSince;
    private boolean wasOnBattery;

    FsdLatch(Duration clearAfter) {
        this.clearAfter = clearAfter;
    }

    /** The latch was set, the UPS being on battery or not. */
    void set(boolean onBattery) {
        onLineSince = null;
        wasOnBattery = onBattery;
    }

    /** A latch from before a restart: the outage that set it is taken to be under way. */
    void restore() {
        set(true);
    }

    /** With the latch set, the UPS now reads {@code status}: true when the latch is to be released now. */
    boolean release(UpsStatus status, Instant now) {
        if (clearAfter == null) {
            return false;
        }
        boolean onLine = status.has(StatusFlag.OL) && !status.onBattery();
        if (!onLine) {
            wasOnBattery = wasOnBattery || status.onBattery();
            onLineSince = null;
            return false;
        }
        if (!wasOnBattery) {
            return false;
        }
        if (onLineSince == null) {
            onLineSince = now;
        }
        boolean release = !now.isBefore(onLineSince.plus(clearAfter));
        if (release) {
            set(false);
        }
        return release;
    }
}
