package io.gridwatch.hub;

import java.time.Instant;
import java.util.List;

/**
 * Everything the hub knows about one UPS at one moment: the driver's data, the driver's health, the FSD latch,
 * the mains sensors behind it (sentinels, GPIO, command; empty for a UPS with a data port) and the drill in
 * progress (or null). {@code changed} is when this content last changed. Immutable; the hub swaps whole
 * snapshots.
 */
public record UpsSnapshot(UpsName name, String description, DeviceState device, DriverStatus driver,
                          boolean fsd, List<SensorStatus> sensors, DrillInfo drill, Instant changed) {

    public UpsSnapshot {
        sensors = List.copyOf(sensors);
    }

    /** {@code ups.status} as clients see it: with a leading {@code FSD} once the latch is set (upsd's rule). */
    public String statusLine() {
        String status = device.value(KnownVar.UPS_STATUS.varName());
        if (status == null) {
            return fsd ? "FSD" : null;
        }
        return fsd ? "FSD " + status : status;
    }

    public UpsStatus status() {
        return UpsStatus.parse(statusLine());
    }

    UpsSnapshot with(DeviceState newDevice, DriverStatus newDriver, boolean newFsd, Instant at) {
        return new UpsSnapshot(name, description, newDevice, newDriver, newFsd, sensors, drill, at);
    }

    UpsSnapshot withSensors(List<SensorStatus> newSensors, Instant at) {
        return new UpsSnapshot(name, description, device, driver, fsd, newSensors, drill, at);
    }

    UpsSnapshot withDrill(DrillInfo newDrill, Instant at) {
        return new UpsSnapshot(name, description, device, driver, fsd, sensors, newDrill, at);
    }

    /** True while a drill is in progress. */
    public boolean drilling() {
        return drill != null;
    }
}
