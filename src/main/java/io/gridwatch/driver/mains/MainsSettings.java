package io.gridwatch.driver.mains;

import io.gridwatch.power.BatterySettings;
import io.gridwatch.power.GridSettings;
import io.gridwatch.probe.Probe;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a UPS known only through mains sensors ({@code driver: sentinel}, {@code gpio} or
 * {@code command}): the sensors with their own interval and timeout, the grid decision, the virtual battery,
 * and how the UPS names itself in NUT variables. Immutable.
 */
public record MainsSettings(String kind, List<Sensor> sensors, GridSettings grid, BatterySettings battery,
                            String model) {

    /** One sensor: a name, what probes it, how often, how long a probe may take. */
    public record Sensor(String name, Probe probe, Duration interval, Duration timeout) {
    }

    public MainsSettings {
        sensors = List.copyOf(sensors);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("a mains UPS needs at least one sensor");
        }
    }
}
