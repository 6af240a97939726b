package io.gridwatch.config;

import io.gridwatch.driver.dummy.DummySettings;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.BatterySettings;
import io.gridwatch.power.GridSettings;
import io.gridwatch.power.SelfTest;
import java.util.List;

/** One {@code ups:} entry: name, description and the driver that feeds it. Immutable. */
public record UpsConfig(UpsName name, String description, DriverSpec driver, SelfTest selfTest) {

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
