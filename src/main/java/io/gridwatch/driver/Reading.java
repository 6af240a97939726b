package io.gridwatch.driver;

import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.SensorStatus;
import java.util.List;

/**
 * What one read of a driver gives, for the {@link DriverRunner} to publish in one step.
 *
 * @param state   the device's variables and commands; null when there is no fresh reading this round (the hub
 *                then marks the data stale after nut.maxage)
 * @param sensors the mains sensors of a UPS known through them, as they are now; null for a driver without any
 */
public record Reading(DeviceState state, List<SensorStatus> sensors) {
    public Reading {
        sensors = sensors == null ? null : List.copyOf(sensors);
    }

    /** A reading of a device's variables alone. */
    public static Reading of(DeviceState state) {
        return new Reading(state, null);
    }
}
