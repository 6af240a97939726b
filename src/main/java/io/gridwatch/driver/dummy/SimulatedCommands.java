package io.gridwatch.driver.dummy;

import io.gridwatch.hub.CommandResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dummy UPS does when told to run an instant command: beeper commands change
 * {@code ups.beeper.status}, battery tests report in {@code ups.test.result} (passing after 10 s, or 60 s for
 * a deep test), calibration adds {@code CAL} to the status, {@code load.off}/{@code load.on} switch the status
 * to {@code OFF} and back. Anything else offered is acknowledged and logged. Nothing real is ever switched.
 * dummy-ups' own {@code load.off} (offered on every dummy UPS) answers UNKNOWN as dummy-ups does, unless the
 * configuration lists it among the simulated commands. Used by one driver thread.
 */
final class SimulatedCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCommands.class);

    private final Map<String, String> values;
    private final Clock clock;
    private Instant testEndsAt;
    private String statusBeforeOff;

    SimulatedCommands(Map<String, String> values, Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    CommandResult run(String cmd, String param) {
        LOG.info("simulated instant command {}{}", cmd, param == null ? "" : " " + param);
        switch (cmd.toLowerCase(Locale.ROOT)) {
            case "beeper.enable" -> values.put("ups.beeper.status", "enabled");
            case "beeper.disable" -> values.put("ups.beeper.status", "disabled");
            case "beeper.mute" -> values.put("ups.beeper.status", "muted");
            case "beeper.toggle" -> values.put("ups.beeper.status",
                    "enabled".equals(values.get("ups.beeper.status")) ? "disabled" : "enabled");
            case "test.battery.start", "test.battery.start.quick" -> startTest(10);
            case "test.battery.start.deep" -> startTest(60);
            case "test.battery.stop" -> {
                testEndsAt = null;
                values.put("ups.test.result", "Aborted");
            }
            case "calibrate.start" -> setFlag("CAL", true);
            case "calibrate.stop" -> setFlag("CAL", false);
            case "load.off" -> loadOff();
            case "load.on" -> loadOn();
            default -> { }
        }
        return CommandResult.SUCCESS;
    }

    /** Finishes a battery test whose time is up. */
    void tick() {
        if (testEndsAt != null && !clock.instant().isBefore(testEndsAt)) {
            testEndsAt = null;
            values.put("ups.test.result", "Done and passed");
        }
    }

    private void startTest(int seconds) {
        testEndsAt = clock.instant().plusSeconds(seconds);
        values.put("ups.test.result", "In progress");
    }

    private void setFlag(String flag, boolean on) {
        String status = values.getOrDefault("ups.status", "OL");
        String without = (" " + status + " ").replace(" " + flag + " ", " ").trim();
        values.put("ups.status", on ? (without + " " + flag).trim() : without);
    }

    private void loadOff() {
        if (statusBeforeOff == null) {
            statusBeforeOff = values.getOrDefault("ups.status", "OL");
        }
        values.put("ups.status", "OFF");
    }

    private void loadOn() {
        if (statusBeforeOff != null) {
            values.put("ups.status", statusBeforeOff);
            statusBeforeOff = null;
        }
    }
}
