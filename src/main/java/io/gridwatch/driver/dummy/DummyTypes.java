package io.gridwatch.driver.dummy;

import io.gridwatch.hub.VarType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The types NUT's dummy-ups 2.8.0 gives the variables of a definition file, so that {@code upsrw} shows the
 * same thing against Gridwatch as against upsd: every variable is writable; these are numbers; a few strings
 * are shorter; everything else is a 32-character string. Measured with {@code GET TYPE} against the real
 * dummy-ups 2.8.0 (one .dev file holding every name of NUT's cmdvartab). Immutable.
 */
final class DummyTypes {
    private static final Set<String> NUMBERS = Set.of(
            "ups.temperature", "ups.load", "ups.delay.start", "ups.delay.reboot", "ups.delay.shutdown",
            "ups.test.interval", "input.voltage", "input.voltage.maximum", "input.voltage.minimum",
            "input.voltage.nominal", "input.transfer.low", "input.transfer.high", "input.frequency",
            "input.transfer.boost.low", "input.transfer.boost.high", "input.transfer.trim.low",
            "input.transfer.trim.high", "output.voltage", "output.frequency", "output.current",
            "battery.charge", "battery.charge.low", "battery.charge.restart", "battery.voltage",
            "battery.current", "battery.temperature", "battery.voltage.nominal", "battery.runtime",
            "battery.runtime.low", "ambient.temperature", "ambient.temperature.alarm", "ambient.temperature.low",
            "ambient.temperature.high", "ambient.humidity", "ambient.humidity.alarm", "ambient.humidity.low",
            "ambient.humidity.high");

    private static final Map<String, Integer> SHORT_STRINGS = Map.ofEntries(
            Map.entry("ups.time", 16), Map.entry("ups.date", 16), Map.entry("ups.mfr.date", 16),
            Map.entry("ups.firmware", 16), Map.entry("ups.firmware.aux", 16), Map.entry("ups.id", 16),
            Map.entry("ups.test.result", 16), Map.entry("input.transfer.reason", 1),
            Map.entry("input.sensitivity", 1), Map.entry("input.quality", 6));

    static final int DEFAULT_STRING_LENGTH = 32;

    private DummyTypes() {
    }

    static VarType typeOf(String var) {
        String key = var.toLowerCase(Locale.ROOT);
        if (NUMBERS.contains(key)) {
            return VarType.NUMBER;
        }
        return new VarType.Text(SHORT_STRINGS.getOrDefault(key, DEFAULT_STRING_LENGTH));
    }
}
