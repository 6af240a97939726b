package io.gridwatch.config.migrate;

import io.gridwatch.config.ConfigNode;
import io.gridwatch.config.Problems;
import io.gridwatch.config.YamlReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Converts PowMonMan's {@code rc.yaml} into a Gridwatch server that its unmodified clients follow: the Raspberry
 * Pi's mains pin becomes a gpio UPS (BCM numbering, high = grid present, as PowMonMan's 5 V charger on a divider),
 * its ports become the {@code powmonman:} section (announce to the broadcast address on udp_port_number,
 * answers on port_number). What only the clients read (shutdown_time, client_poll_rate, shutdown commands, log
 * folders) stays with them and is named. Stateless.
 */
public final class PowMonManImport {
    private PowMonManImport() {
    }

    public static Migration convert(String text, String source) {
        Problems problems = new Problems(Path.of(source));
        ConfigNode root = YamlReader.read(text, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ":" + problems.list().get(0).line() + ": "
                    + problems.list().get(0).message());
        }
        if (!(root instanceof ConfigNode.MapNode map)) {
            throw new IllegalArgumentException(source + " is not a YAML map (PowMonMan's rc.yaml has ServerClient, "
                    + "Platform, PowerCheck and Modules)");
        }
        Report r = new Report();
        YamlText y = new YamlText();
        y.comment("Imported from " + source + " by 'gridwatch import powmonman'. Check it with 'gridwatch check-config'.");
        ConfigNode.MapNode sc = section(map, "ServerClient", source, r);
        ConfigNode.MapNode check = section(map, "PowerCheck", source, r);
        ConfigNode.MapNode modules = section(map, "Modules", source, r);
        ConfigNode.MapNode platform = section(map, "Platform", source, r);
        for (String k : map.entries().keySet()) {
            if (!java.util.Set.of("ServerClient", "PowerCheck", "Modules", "Platform").contains(k)) {
                r.notCarried(source, map.keyLines().getOrDefault(k, 0), k + ": not a section PowMonMan reads");
            }
        }
        int tcp = port(sc, "port_number", 7444, source, r);
        int udp = port(sc, "udp_port_number", tcp - 1, source, r);
        String module = scalar(check, "module", "RPi");
        y.line("ups:");
        y.line("  ups:");
        y.line("    description: \"Mains sensor (imported from PowMonMan)\"");
        if (module.equals("RPi")) {
            ConfigNode.MapNode rpi = modules == null ? null : modules.entries().get("RPi") instanceof ConfigNode.MapNode m
                    ? m : null;
            String pin = scalar(rpi, "status_pin", "4");
            if (!pin.matches("\\d{1,3}")) {
                throw new IllegalArgumentException(source + ":" + line(rpi, "status_pin") + ": Modules.RPi.status_pin '"
                        + pin + "' is not a GPIO number");
            }
            y.line("    driver: gpio");
            y.line("    chip: gpiochip0");
            y.line("    line: \"" + pin + "\"   # Modules.RPi.status_pin (BCM); high = grid present, as PowMonMan");
            r.note("The pin is read with libgpiod's gpioget (package gpiod); PowMonMan's pull-down is set by "
                    + "the Pi's wiring or a dtoverlay (gpio=" + pin + "=ip,pd in config.txt), not by Gridwatch.");
        } else {
            ConfigNode.MapNode linux = platform == null ? null : platform.entries().get("linux") instanceof ConfigNode.MapNode m
                    ? m : null;
            String file = scalar(linux, "power_check_file", "");
            if (file.isEmpty()) {
                throw new IllegalArgumentException(source + ": PowerCheck.module '" + module + "' without "
                        + "Platform.linux.power_check_file: nothing tells the grid's state");
            }
            y.line("    driver: command   # PowerCheck.module " + module + ": grid present while the file exists");
            y.line("    command: [\"test\", \"-e\", " + YamlText.q(file) + "]");
            y.line("    interval: 1s");
        }
        y.line("    # PowMonMan has no battery: Gridwatch estimates one (30 min at the site's load) for NUT clients;");
        y.line("    # set battery.runtime to what yours lasts");
        y.line("powmonman:");
        y.line("  ups: ups");
        y.line("  listen: [\"0.0.0.0:" + tcp + "\"]   # ServerClient.port_number");
        y.line("  announce: [\"255.255.255.255:" + udp + "\"]   # ServerClient.udp_port_number");
        y.line("  interval: 5s   # as PowMonMan's server");
        r.weak("PowMonMan clients are answered on plain TCP on every address (port " + tcp + ") without "
                        + "authentication, as PowMonMan's server: anyone on the LAN can read the grid's state",
                "once the clients run 'gridwatch agent', delete the powmonman: section");
        if (sc != null) {
            for (Map.Entry<String, ConfigNode> e : sc.entries().entrySet()) {
                String k = e.getKey();
                int l = sc.keyLines().getOrDefault(k, 0);
                switch (k) {
                    case "port_number", "udp_port_number" -> {
                    }
                    case "shutdown_time", "client_poll_rate", "max_client_connections_attempts" -> r.notCarried(source, l,
                            "ServerClient." + k + ": read by the clients only; it stays in their rc.yaml (an agent's "
                                    + "equivalent of shutdown_time is policy.shutdown_delay)");
                    case "server_ip" -> r.notCarried(source, l, "ServerClient.server_ip: PowMonMan's client ignores it "
                            + "(it connects to the announce's source)");
                    default -> r.notCarried(source, l, "ServerClient." + k + ": not a key PowMonMan reads");
                }
            }
        }
        if (platform != null) {
            for (Map.Entry<String, ConfigNode> e : platform.entries().entrySet()) {
                r.notCarried(source, platform.keyLines().getOrDefault(e.getKey(), 0), "Platform." + e.getKey()
                        + ": the clients' shutdown command and log folder stay theirs (the agent's is shutdown_command)");
            }
        }
        if (modules != null) {
            for (String k : modules.entries().keySet()) {
                if (!(k.equals("RPi") && module.equals("RPi"))) {
                    r.notCarried(source, modules.keyLines().getOrDefault(k, 0), "Modules." + k + ": not the module in use");
                }
            }
        }
        r.note("NUT clients can follow the same UPS: add nut.users and nut.listen (loopback only by default).");
        return new Migration(y.toString(), false, r, java.util.List.of());
    }

    private static ConfigNode.MapNode section(ConfigNode.MapNode root, String key, String source, Report r) {
        ConfigNode n = root.entries().get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ConfigNode.MapNode m) {
            return m;
        }
        throw new IllegalArgumentException(source + ":" + n.line() + ": " + key + " must be a map");
    }

    private static String scalar(ConfigNode.MapNode m, String key, String def) {
        if (m == null || !(m.entries().get(key) instanceof ConfigNode.Scalar s)) {
            return def;
        }
        return s.text().strip();
    }

    private static int line(ConfigNode.MapNode m, String key) {
        return m == null ? 0 : m.keyLines().getOrDefault(key, m.line());
    }

    private static int port(ConfigNode.MapNode m, String key, int def, String source, Report r) {
        String v = scalar(m, key, String.valueOf(def));
        if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            throw new IllegalArgumentException(source + ":" + line(m, key) + ": ServerClient." + key + " '" + v
                    + "' is not a port");
        }
        return Integer.parseInt(v);
    }
}
