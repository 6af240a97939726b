package io.gridwatch.driver;

import io.gridwatch.hub.CommandResult;
import java.time.Duration;

/**
 * A source of power state for one UPS: a small plug-in. The {@link DriverRunner} owns the loop: it calls
 * {@link #open} until it works (with backoff), then {@link #poll} every {@link #pollInterval()}, publishes each
 * {@link Reading} to the hub, marks the data stale when a call fails or hangs, and serializes commands with polls,
 * so a driver never sees two calls at once and needs no locking of its own (NUT {@code drivers/main.c}). A driver
 * reads; it does not touch the hub.
 */
public interface Driver extends AutoCloseable {

    /**
     * Connects to the device and reads it. Throws when the device cannot be reached.
     *
     * @param drilling whether a drill is in progress on this UPS, as the hub holds it (only a driver that models
     *                 the power itself, with mains sensors, has a use for it)
     */
    Reading open(boolean drilling) throws Exception;

    /**
     * Reads the device's current state. Throws when it cannot be read: the data become stale. A reading without a
     * state: the driver is running but has no fresh reading this round (the hub marks the data stale after
     * nut.maxage).
     *
     * @param drilling as for {@link #open}
     */
    Reading poll(boolean drilling) throws Exception;

    /**
     * Gives the driver a way to ask for a poll now, when it knows its state changed between polls (the runner
     * calls this once, before open). Drivers that only learn things when polled ignore it.
     */
    default void onChange(Runnable pollNow) {
    }

    Duration pollInterval();

    /** Applies a checked SET VAR. */
    CommandResult setVar(String var, String value) throws Exception;

    /** Runs an instant command; {@code param} is null when there is none. */
    CommandResult instCmd(String cmd, String param) throws Exception;

    /** Releases the device; open() may be called again afterwards. */
    @Override
    void close();
}
