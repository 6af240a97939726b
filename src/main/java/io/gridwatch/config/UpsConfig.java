package io.gridwatch.config;

import io.gridwatch.driver.dummy.DummySettings;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.BatterySettings;
import io.gridwatch.power.GridSettings;
import java.util.List;

/** One {@code ups:} entry: name, description and the driver that feeds it. Immutable. */
public record UpsConfig(UpsName name, String description, DriverSpec driver, SelfTest selfTest) {

    /** A battery self-test run through INSTCMD on a weekly day (or every day) at a time, site time zone. */
    public record SelfTest(java.time.DayOfWeek day, java.time.LocalTime time, String command) {
        /** Whether it is due in the minute holding {@code t} ({@code day} null: every day). */
        public boolean dueAt(java.time.ZonedDateTime t) {
            return (day == null || t.getDayOfWeek() == day) && t.getHour() == time.getHour()
                    && t.getMinute() == time.getMinute();
        }
    }

    /** Which driver, with its settings. */
    public sealed interface DriverSpec {
        String kind();
    }

    /**
     * {@code driver: sentinel}, {@code gpio} or {@code command}: a UPS known only through mains sensors, with a
     * virtual battery.
     */
    public record Mains(String kind, List<SensorSpec> sensors, GridSettings grid, BatterySettings battery)
            implements DriverSpec {
        public Mains {
            sensors = List.copyOf(sensors);
        }
    }

    /** {@code driver: nut}: a UPS on another upsd, mirrored. */
    public record Proxy(io.gridwatch.driver.proxy.ProxySettings settings) implements DriverSpec {
        public String kind() {
            return "nut";
        }
    }

    /** {@code driver: dummy}: a NUT dummy-ups definition file. */
    public record Dummy(DummySettings settings) implements DriverSpec {
        public String kind() {
            return "dummy";
        }
    }
}
