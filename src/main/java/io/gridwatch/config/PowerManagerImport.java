package io.gridwatch.config;

import io.gridwatch.recovery.MagicPacket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Converts a UPS_Server_Docker {@code power_manager.conf} into a Gridwatch configuration: the sentinel hosts
 * become a sentinel UPS (with the original's "OB LB at once" behaviour), wake hosts become hosts (woken,
 * protected with their shutdown delay), schedules become drill schedules, SMTP_* and NOTIFY_* an email channel.
 * The API token of the REST clients is not written into the file (tokens live in the auth store): a warning says
 * how to keep it. Stateless.
 */
public final class PowerManagerImport {
    /** The YAML text and what did not carry over. */
    public record Result(String yaml, List<String> warnings) {
    }

    /** The seed's email keys, carried over into {@code notify.channels.email}. */
    private static final Set<String> MAIL = Set.of("SMTP_SERVER", "SMTP_PORT", "SMTP_USE_TLS", "SMTP_USER",
            "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_SENDER_NAME", "SMTP_SENDER_EMAIL", "SMTP_RECIPIENTS",
            "NOTIFY_POWER_FAIL", "NOTIFY_POWER_RESTORED", "NOTIFY_CLIENT_SHUTDOWN", "NOTIFY_CLIENT_STALE",
            "NOTIFY_APP_ERROR", "NOTIFY_SIMULATION_MODE", "CLIENT_STALE_TIMEOUT_MINUTES");
    /** Each NOTIFY_* switch and the notification types it turns on. */
    private static final Map<String, List<String>> SWITCHES = Map.of(
            "NOTIFY_POWER_FAIL", List.of("power-lost", "low-battery"),
            "NOTIFY_POWER_RESTORED", List.of("power-restored"),
            "NOTIFY_CLIENT_SHUTDOWN", List.of("client-shutdown"),
            "NOTIFY_CLIENT_STALE", List.of("client-stale"),
            "NOTIFY_APP_ERROR", List.of("app-error"),
            "NOTIFY_SIMULATION_MODE", List.of("drill-started", "drill-stopped"));

    private PowerManagerImport() {
    }

    public static Result convert(String text, String sourceName, Supplier<String> passwords) {
        PowerManagerConf c = PowerManagerConf.parse(text);
        List<String> warnings = new ArrayList<>(c.ignored());
        Yaml y = new Yaml();
        y.comment("Imported from " + sourceName + " by 'gridwatch import power-manager'. Check it with "
                + "'gridwatch check-config'.");
        y.line("nut:");
        y.line("  listen: [\"[::]:3493\"]    # every address, like the original's upsd; narrow it if you can");
        y.line("  users:");
        y.line("    admin:   { password: " + Yaml.q(passwords.get()) + ", actions: [SET, FSD], instcmds: [all] }");
        y.line("    monuser: { password: " + Yaml.q(passwords.get()) + ", upsmon: secondary }");
        List<String> sentinels = List.of(c.global().getOrDefault("SENTINEL_HOSTS", "").trim().split("\\s+"));
        y.line("ups:");
        y.line("  ups:");
        y.line("    description: \"Sentinel UPS (imported)\"");
        y.line("    driver: sentinel");
        y.line("    sentinels:");
        int i = 0;
        for (String s : sentinels) {
            if (!s.isBlank()) {
                y.line("      s" + ++i + ": { address: " + Yaml.q(s) + " }");
            }
        }
        if (i == 0) {
            warnings.add("SENTINEL_HOSTS is empty: add sentinels under ups.ups.sentinels before starting");
            y.line("      router: { address: \"192.0.2.1\" }   # placeholder: SENTINEL_HOSTS was empty");
        }
        y.line("    battery: { low_battery: immediate }   # as the original: OB LB as soon as the grid is lost");
        recovery(c, y);
        hosts(c, y, warnings);
        schedules(c, y, warnings);
        notifications(c, y, warnings);
        rest(c, y, warnings);
        return new Result(y.toString(), warnings);
    }

    private static void recovery(PowerManagerConf c, Yaml y) {
        y.line("recovery:");
        y.line("  delay: " + minutes(c.global().getOrDefault("WOL_DELAY_MINUTES", "5")));
        String bc = c.global().get("DEFAULT_BROADCAST_IP");
        if (bc != null && !bc.isBlank()) {
            y.line("  broadcast: " + Yaml.q(bc));
        }
    }

    private static void hosts(PowerManagerConf c, Yaml y, List<String> warnings) {
        if (c.hosts().isEmpty()) {
            return;
        }
        y.line("hosts:");
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, String>> e : c.hosts().entrySet()) {
            Map<String, String> h = e.getValue();
            String name = unique(names, safe(h.getOrDefault("NAME", e.getKey().toLowerCase())));
            String mac = h.get("MAC");
            StringBuilder sb = new StringBuilder("  ").append(name).append(": { ");
            sb.append("address: ").append(Yaml.q(h.getOrDefault("IP", "")));
            if (mac != null && MagicPacket.isMac(mac)) {
                sb.append(", mac: ").append(Yaml.q(mac));
                sb.append(", wake: ").append(PowerManagerConf.bool(h.get("AUTO_WOL"), true));
            } else if (mac != null) {
                warnings.add("[" + e.getKey() + "] MAC '" + mac + "' is not a MAC address; the host will not be woken");
            }
            if (h.get("BROADCAST_IP") != null && !h.get("BROADCAST_IP").isBlank()) {
                sb.append(", broadcast: ").append(Yaml.q(h.get("BROADCAST_IP")));
            }
            if (h.get("SHUTDOWN_DELAY_MINUTES") != null) {
                sb.append(", shutdown_delay: ").append(minutes(h.get("SHUTDOWN_DELAY_MINUTES")));
            }
            sb.append(", ignore_drills: ").append(PowerManagerConf.bool(h.get("IGNORE_SIMULATION"), false)).append(" }");
            if (h.get("IP") == null) {
                warnings.add("[" + e.getKey() + "] has no IP: Gridwatch cannot tell whether it is up");
            }
            y.line(sb.toString());
        }
    }

    private static void schedules(PowerManagerConf c, Yaml y, List<String> warnings) {
        if (c.schedules().isEmpty()) {
            return;
        }
        y.line("schedules:");
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, String>> e : c.schedules().entrySet()) {
            Map<String, String> s = e.getValue();
            String name = unique(names, safe(s.getOrDefault("NAME", e.getKey().toLowerCase())));
            boolean once = "one-time".equalsIgnoreCase(s.getOrDefault("TYPE", "recurring"));
            StringBuilder sb = new StringBuilder("  ").append(name).append(": { ups: [ups], ");
            if (once) {
                sb.append("date: ").append(Yaml.q(s.getOrDefault("DATE", ""))).append(", ");
            } else {
                sb.append("day: ").append(Yaml.q(s.getOrDefault("DAY_OF_WEEK", "everyday").toLowerCase())).append(", ");
            }
            sb.append("time: ").append(Yaml.q(s.getOrDefault("TIME", ""))).append(", action: ")
                    .append(Yaml.q(s.getOrDefault("ACTION", "start").toLowerCase())).append(", enabled: ")
                    .append(PowerManagerConf.bool(s.get("ENABLED"), true)).append(" }");
            y.line(sb.toString());
        }
    }

    /** SMTP_* and NOTIFY_* become an email channel (the seed's TLS rules spelled out), the stale timeout http's. */
    private static void notifications(PowerManagerConf c, Yaml y, List<String> warnings) {
        Map<String, String> g = c.global();
        String stale = g.get("CLIENT_STALE_TIMEOUT_MINUTES");
        if (stale != null) {
            y.line("http:");
            y.line("  client_stale_after: " + minutes(stale));
        }
        String server = g.get("SMTP_SERVER");
        if (server == null || server.isBlank()) {
            return;
        }
        String port = g.getOrDefault("SMTP_PORT", "587").trim();
        String useTls = g.getOrDefault("SMTP_USE_TLS", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        String tls = port.equals("465") ? "ssl" : switch (useTls) {
            case "true" -> "starttls";
            case "false" -> "none";
            default -> "auto";
        };
        List<String> events = new ArrayList<>();
        SWITCHES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> PowerManagerConf.bool(g.get(e.getKey()), false))
                .forEach(e -> events.addAll(e.getValue()));
        y.line("notify:");
        y.line("  channels:");
        y.line("    email:");
        y.line("      type: email");
        y.line("      host: " + Yaml.q(server.trim()));
        y.line("      port: " + port(port, warnings));
        y.line("      tls: " + tls + "   # from SMTP_USE_TLS=" + useTls);
        String user = g.getOrDefault("SMTP_USER", g.get("SMTP_USERNAME"));
        if (user != null && !user.isBlank()) {
            y.line("      user: " + Yaml.q(user.trim()));
            y.line("      password: " + Yaml.q(g.getOrDefault("SMTP_PASSWORD", "")));
        }
        String from = g.getOrDefault("SMTP_SENDER_EMAIL", "");
        y.line("      from: " + Yaml.q(from.trim()));
        if (g.get("SMTP_SENDER_NAME") != null) {
            y.line("      from_name: " + Yaml.q(g.get("SMTP_SENDER_NAME").trim()));
        }
        List<String> to = java.util.Arrays.stream(g.getOrDefault("SMTP_RECIPIENTS", "").split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList();
        y.line("      to: [" + String.join(", ", to.stream().map(Yaml::q).toList()) + "]");
        y.line("      events: [" + String.join(", ", events) + "]" + (events.isEmpty()
                ? "   # every NOTIFY_* switch was off: nothing is sent until you add types" : ""));
        y.line("      drills: " + PowerManagerConf.bool(g.get("NOTIFY_SIMULATION_MODE"), false));
        if (to.isEmpty() || from.isBlank()) {
            warnings.add("SMTP_SERVER is set but " + (to.isEmpty() ? "SMTP_RECIPIENTS" : "SMTP_SENDER_EMAIL")
                    + " is empty: fill in notify.channels.email before starting");
        }
    }

    private static String port(String port, List<String> warnings) {
        try {
            return String.valueOf(Integer.parseInt(port));
        } catch (NumberFormatException e) {
            warnings.add("SMTP_PORT '" + port + "' is not a number; using 587");
            return "587";
        }
    }

    private static void rest(PowerManagerConf c, Yaml y, List<String> warnings) {
        List<String> later = new ArrayList<>();
        for (Map.Entry<String, String> e : c.global().entrySet()) {
            String k = e.getKey();
            if (MAIL.contains(k)) {
                continue;
            }
            if (k.equals("API_TOKEN")) {
                later.add(k + "=(secret, not copied)");
            } else if (k.equals("POWER_SIMULATION_MODE") && PowerManagerConf.bool(e.getValue(), false)) {
                warnings.add("POWER_SIMULATION_MODE was on: start the drill again with 'gridwatch drill start ups'");
            } else if (!Set.of("SENTINEL_HOSTS", "WOL_DELAY_MINUTES", "DEFAULT_BROADCAST_IP", "POWER_SIMULATION_MODE")
                    .contains(k)) {
                warnings.add(k + " has no Gridwatch equivalent; not carried over");
            }
        }
        if (!later.isEmpty()) {
            warnings.add("API_TOKEN is not copied into the file: to keep the REST clients working unchanged, "
                    + "create a token with the client scope whose secret is the old API_TOKEN (dashboard: Users, "
                    + "Tokens; or POST /api/v1/tokens with \"secret\")");
        }
    }

    private static String minutes(String v) {
        try {
            return Math.max(0, Integer.parseInt(v.trim())) + "m";
        } catch (NumberFormatException e) {
            return "5m";
        }
    }

    private static String safe(String name) {
        String s = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "entry" : s;
    }

    private static String unique(Set<String> used, String name) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }

    /** Builds YAML text line by line; {@link #q} quotes a scalar the JSON way (valid YAML). */
    private static final class Yaml {
        private final StringBuilder sb = new StringBuilder();

        void line(String s) {
            sb.append(s).append('\n');
        }

        void comment(String s) {
            sb.append(s.isEmpty() ? "#" : "# " + s).append('\n');
        }

        static String q(String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
