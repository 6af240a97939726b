package io.gridwatch.driver;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import java.time.Duration;

/**
 * A source of power state for one UPS: a small plug-in. The {@link DriverRunner} owns the loop: it calls
 * {@link #open()} until it works (with backoff), then {@link #poll()} every {@link #pollInterval()}, marks the
 * data stale when a call fails or hangs, and serializes commands with polls, so a driver never sees two calls
 * at once and needs no locking of its own (NUT {@code drivers/main.c}).
 */
public interface Driver extends AutoCloseable {

    /** Connects to the device and returns its state. Throws when the device cannot be reached. */
    DeviceState open() throws Exception;

    /**
     * Returns the device's current state. Throws when it cannot be read: the data become stale. Null: the driver
     * is running but has no fresh reading this round (the hub marks the data stale after nut.maxage).
     */
    DeviceState poll() throws Exception;

    Duration pollInterval();

    /** Applies a checked SET VAR. */
    CommandResult setVar(String var, String value) throws Exception;

    /** Runs an instant command; {@code param} is null when there is none. */
    CommandResult instCmd(String cmd, String param) throws Exception;

    /** Releases the device; open() may be called again afterwards. */
    @Override
    void close();
}
