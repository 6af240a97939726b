package io.gridwatch.hub;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The NUT variables Gridwatch reasons about (power decisions, history, metrics, the virtual battery), with
 * their unit and whether they are numbers. Names follow NUT {@code docs/nut-names.txt}; any other variable
 * still travels through Gridwatch untouched as an open string map. Immutable.
 */
public enum KnownVar {
    UPS_STATUS("ups.status", "", false),
    UPS_ALARM("ups.alarm", "", false),
    UPS_LOAD("ups.load", "%", true),
    UPS_REALPOWER("ups.realpower", "W", true),
    UPS_REALPOWER_NOMINAL("ups.realpower.nominal", "W", true),
    UPS_POWER("ups.power", "VA", true),
    UPS_POWER_NOMINAL("ups.power.nominal", "VA", true),
    UPS_TEMPERATURE("ups.temperature", "°C", true),
    UPS_TEST_RESULT("ups.test.result", "", false),
    UPS_BEEPER_STATUS("ups.beeper.status", "", false),
    UPS_MFR("ups.mfr", "", false),
    UPS_MODEL("ups.model", "", false),
    UPS_SERIAL("ups.serial", "", false),
    UPS_TIMER_SHUTDOWN("ups.timer.shutdown", "s", true),
    UPS_DELAY_SHUTDOWN("ups.delay.shutdown", "s", true),
    DEVICE_MFR("device.mfr", "", false),
    DEVICE_MODEL("device.model", "", false),
    DEVICE_SERIAL("device.serial", "", false),
    DEVICE_TYPE("device.type", "", false),
    BATTERY_CHARGE("battery.charge", "%", true),
    BATTERY_CHARGE_LOW("battery.charge.low", "%", true),
    BATTERY_CHARGE_WARNING("battery.charge.warning", "%", true),
    BATTERY_RUNTIME("battery.runtime", "s", true),
    BATTERY_RUNTIME_LOW("battery.runtime.low", "s", true),
    BATTERY_VOLTAGE("battery.voltage", "V", true),
    BATTERY_VOLTAGE_NOMINAL("battery.voltage.nominal", "V", true),
    BATTERY_TEMPERATURE("battery.temperature", "°C", true),
    BATTERY_DATE("battery.date", "", false),
    BATTERY_TYPE("battery.type", "", false),
    INPUT_VOLTAGE("input.voltage", "V", true),
    INPUT_VOLTAGE_NOMINAL("input.voltage.nominal", "V", true),
    INPUT_FREQUENCY("input.frequency", "Hz", true),
    INPUT_TRANSFER_LOW("input.transfer.low", "V", true),
    INPUT_TRANSFER_HIGH("input.transfer.high", "V", true),
    OUTPUT_VOLTAGE("output.voltage", "V", true),
    OUTPUT_FREQUENCY("output.frequency", "Hz", true),
    OUTPUT_CURRENT("output.current", "A", true),
    AMBIENT_TEMPERATURE("ambient.temperature", "°C", true),
    AMBIENT_HUMIDITY("ambient.humidity", "%", true),
    /** Gridwatch's own: true while a drill (simulated outage) drives this UPS. */
    UPS_SIMULATION("ups.simulation", "", false);

    private static final Map<String, KnownVar> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(KnownVar::varName, Function.identity()));

    private final String varName;
    private final String unit;
    private final boolean numeric;

    KnownVar(String varName, String unit, boolean numeric) {
        this.varName = varName;
        this.unit = unit;
        this.numeric = numeric;
    }

    public String varName() {
        return varName;
    }

    public String unit() {
        return unit;
    }

    public boolean numeric() {
        return numeric;
    }

    public static Optional<KnownVar> of(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
