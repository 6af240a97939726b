package io.gridwatch.config;

import io.gridwatch.power.BatterySettings;
import io.gridwatch.power.GridSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds the settings of the mains-sensor drivers ({@code sentinel}, {@code gpio}, {@code command}): their
 * sensors, the grid decision and the virtual battery. Stateless.
 */
final class MainsBinder {
    private MainsBinder() {
    }

    static UpsConfig.Mains bind(String kind, Section u) {
        GridSettings d = GridSettings.defaults();
        Duration interval = u.duration("interval", d.interval(), Duration.ofMillis(100),
                "mains drivers: time between probes of each sensor (a sensor may set its own).");
        Duration timeout = u.duration("timeout", d.timeout(), Duration.ofMillis(50),
                "mains drivers: how long a probe may take before it counts as failed.");
        List<SensorSpec> sensors = switch (kind) {
            case "sentinel" -> sentinels(u, interval, timeout);
            case "gpio" -> List.of(gpio(u, interval, timeout));
            default -> List.of(new SensorSpec.Command("command", u.strings("command", List.of(),
                    "driver command: the command and its arguments. Required."),
                    pattern(u), interval, timeout));
        };
        if (kind.equals("command") && ((SensorSpec.Command) sensors.get(0)).command().isEmpty() && !u.documenting()) {
            u.problem("command", "missing: give the command to run, e.g. [\"/usr/local/bin/mains-check\"]");
        }
        String quorum = u.string("quorum", "all", "mains drivers: how many sensors must be dark for the grid to count "
                + "as lost: all, or a number.");
        int q = quorum(u, quorum, sensors.size());
        int failRounds = u.integer("fail_rounds", d.failRounds(), 1, 100,
                "mains drivers: failed probes in a row before a sensor counts as dark (debounce).");
        Duration restore = u.duration("restore_after", d.restoreAfter(), Duration.ZERO,
                "mains drivers: how long the sensors must look good again before power counts as back.");
        Duration retry = u.duration("retry_interval", d.retry(), Duration.ofMillis(50),
                "mains drivers: time between probes while a probe is failing (one failed, or unanswered this long): "
                + "every sensor not yet dark is probed this often, so the fail_rounds failed probes come sooner; "
                + "a sensor with a shorter interval keeps it. Set it to the interval to probe at one pace.");
        return new UpsConfig.Mains(kind, sensors, new GridSettings(q, failRounds, restore, interval, timeout, retry),
                battery(u.section("battery", "mains drivers: the virtual battery.")));
    }

    private static SensorSpec gpio(Section u, Duration interval, Duration timeout) {
        Path file = u.path("value_file", null, false, "driver gpio: the line's sysfs value file, e.g. "
                + "/sys/class/gpio/gpio4/value (or chip and line).");
        String chip = u.string("chip", null, "driver gpio: the GPIO character device, e.g. gpiochip0 (with line; read "
                + "with libgpiod's gpioget).");
        String line = u.string("line", null, "driver gpio: the line's offset or name on chip, e.g. 4 (BCM numbering "
                + "on a Raspberry Pi).");
        String gpioget = u.string("gpioget", "gpioget", "driver gpio: the gpioget program (package gpiod) for chip and line.");
        boolean activeLow = u.bool("active_low", false, "driver gpio: mains present when the line is low.");
        if (u.documenting()) {
            return new SensorSpec.Gpio("gpio", file, activeLow, interval, timeout);
        }
        if (file != null && (chip != null || line != null)) {
            u.problem(u.has("chip") ? "chip" : "line", "give either value_file (sysfs) or chip and line "
                    + "(character device), not both");
        } else if (file == null && chip == null && line == null) {
            u.problem("value_file", "missing: give value_file (sysfs, e.g. /sys/class/gpio/gpio4/value) or chip and "
                    + "line (character device, e.g. chip: gpiochip0, line: 4)");
        } else if (file == null && (chip == null || line == null)) {
            u.problem(chip == null ? "line" : "chip", "chip and line go together: give "
                    + (chip == null ? "chip (e.g. gpiochip0)" : "line (e.g. 4)") + " too");
        } else if (file == null) {
            return new SensorSpec.GpioChip("gpio", gpioget, chip, line, activeLow, interval, timeout);
        }
        return new SensorSpec.Gpio("gpio", file, activeLow, interval, timeout);
    }

    private static int quorum(Section u, String text, int sensors) {
        if (text.equalsIgnoreCase("all")) {
            return 0;
        }
        try {
            int q = Integer.parseInt(text.trim());
            if (q >= 1 && q <= Math.max(1, sensors)) {
                return q;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        u.problem("quorum", "must be 'all' or a number from 1 to " + sensors + " (got '" + text + "')");
        return 0;
    }

    private static Pattern pattern(Section u) {
        String p = u.string("present_when", null,
                "driver command: a pattern its output matches when mains is present; without it, exit code 0.");
        if (p == null) {
            return null;
        }
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            u.problem("present_when", "not a valid pattern: " + e.getDescription());
            return null;
        }
    }

    private static List<SensorSpec> sentinels(Section u, Duration interval, Duration timeout) {
        List<SensorSpec> out = new ArrayList<>();
        Map<String, Section> entries = u.named("sentinels", "driver sentinel: always-on devices that are NOT on the "
                + "UPS; when they go dark, the grid is down.");
        for (Map.Entry<String, Section> e : entries.entrySet()) {
            SensorSpec s = sentinel(e.getKey(), e.getValue(), interval, timeout);
            if (s != null) {
                out.add(s);
            }
        }
        if (out.isEmpty() && !u.documenting()) {
            u.problem("sentinels", "missing: list at least one sentinel host (one that is not on this UPS)");
        }
        return out;
    }

    private static SensorSpec sentinel(String name, Section s, Duration interval, Duration timeout) {
        String probe = s.string("probe", "icmp", "icmp (echo), tcp (connect to port) or http (GET expecting a status).");
        String address = s.string("address", null, "Host name or IP address (icmp, tcp).");
        int port = s.integer("port", 0, 0, 65535, "TCP port (probe tcp).");
        String url = s.string("url", null, "URL (probe http).");
        int expect = s.integer("expect", 200, 100, 599, "Expected HTTP status (probe http).");
        Duration i = s.duration("interval", interval, Duration.ofMillis(100), "This sentinel's probe interval.");
        Duration t = s.duration("timeout", timeout, Duration.ofMillis(50), "This sentinel's probe timeout.");
        s.finish();
        switch (probe) {
            case "icmp", "tcp" -> {
                if (address == null || address.isBlank()) {
                    s.problem("address", "missing: the sentinel's host name or IP address");
                    return null;
                }
                if (probe.equals("tcp") && port == 0) {
                    s.problem("port", "missing: probe tcp needs the port to connect to");
                    return null;
                }
                return probe.equals("icmp") ? new SensorSpec.Icmp(name, address, i, t)
                        : new SensorSpec.Tcp(name, address, port, i, t);
            }
            case "http" -> {
                try {
                    URI uri = URI.create(url == null ? "" : url);
                    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                    return new SensorSpec.Http(name, uri, expect, i, t);
                } catch (IllegalArgumentException e) {
                    s.problem("url", "must be an http:// or https:// URL (got '" + url + "')");
                    return null;
                }
            }
            default -> {
                s.problem("probe", "must be icmp, tcp or http (got '" + probe + "')");
                return null;
            }
        }
    }

    private static BatterySettings battery(Section b) {
        BatterySettings d = BatterySettings.defaults();
        Duration runtime = b.duration("runtime", d.runtime(), Duration.ofSeconds(1),
                "How long a full battery lasts at the site's load.");
        Duration recharge = b.duration("recharge", d.recharge(), Duration.ofSeconds(1),
                "How long an empty battery takes to recharge.");
        int chargeLow = b.integer("charge_low", d.chargeLow(), 0, 100, "Charge (percent) under which the battery is low.");
        Duration runtimeLow = b.duration("runtime_low", d.runtimeLow(), Duration.ZERO,
                "Runtime left under which the battery is low (LB).");
        String mode = b.string("low_battery", "gradual", "gradual (LB when low), or immediate (OB LB as soon as the "
                + "grid is lost, as the original sentinel server did, for clients that react only to LB).");
        int nominal = b.integer("nominal_power", 0, 0, 1_000_000, "Rated power in W (ups.realpower.nominal); 0: unknown.");
        b.finish();
        if (!mode.equals("gradual") && !mode.equals("immediate")) {
            b.problem("low_battery", "must be gradual or immediate (got '" + mode + "')");
        }
        return new BatterySettings(runtime, recharge, chargeLow, runtimeLow, mode.equals("immediate"),
                nominal == 0 ? null : nominal);
    }
}
