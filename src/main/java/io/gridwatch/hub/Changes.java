package io.gridwatch.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events one change of a UPS's snapshot makes, in the order they are published: each mains sensor that went
 * up or down, then the new state, then the status line when it changed, then the driver's health when it changed.
 * Pure: the hub decides what changed, this says what that means.
 */
final class Changes {
    private Changes() {
    }

    /**
     * @param reason why the driver's health changed, for a CommLost (null: the availability's name)
     */
    static List<UpsEvent> between(UpsName name, UpsSnapshot old, UpsSnapshot next, String reason) {
        Instant at = next.changed();
        List<UpsEvent> out = new ArrayList<>(sensors(name, at, old.sensors(), next.sensors()));
        out.add(new UpsEvent.StateChanged(name, at, old, next));
        if (!Objects.equals(old.statusLine(), next.statusLine())) {
            out.add(new UpsEvent.StatusChanged(name, at, old.status(), next.status()));
        }
        if (old.driver() != next.driver()) {
            if (next.driver() == DriverStatus.OK) {
                out.add(new UpsEvent.CommRestored(name, at));
            } else {
                Availability a = next.driver() == DriverStatus.STALE ? Availability.DATA_STALE
                        : Availability.DRIVER_NOT_CONNECTED;
                out.add(new UpsEvent.CommLost(name, at, a, reason == null ? a.name() : reason));
            }
        }
        return out;
    }

    /** A sensor counts once it is known; it changed when it was not known before, or is now up where it was down. */
    private static List<UpsEvent> sensors(UpsName name, Instant at, List<SensorStatus> before,
                                          List<SensorStatus> after) {
        if (before.equals(after)) {
            return List.of();
        }
        Map<String, SensorStatus> was = new HashMap<>();
        before.forEach(x -> was.put(x.name(), x));
        List<UpsEvent> out = new ArrayList<>();
        for (SensorStatus x : after) {
            SensorStatus w = was.get(x.name());
            if (x.known() && (w == null || !w.known() || w.up() != x.up())) {
                out.add(new UpsEvent.SensorChanged(name, at, x));
            }
        }
        return out;
    }
}
