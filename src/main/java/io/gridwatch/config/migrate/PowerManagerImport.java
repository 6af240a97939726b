package io.gridwatch.config.migrate;

import io.gridwatch.hub.UpsName;
import io.gridwatch.recovery.MagicPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Converts UPS_Server_Docker's config folder into a Gridwatch server that its existing clients reach unchanged:
 * the sentinel hosts of {@code power_manager.conf} become a sentinel UPS (with the original's "OB LB at once"
 * behaviour) under the name {@code ups.conf} gives it; {@code upsd.conf} and {@code upsd.users} become the NUT
 * listener and users exactly as they were ({@code monuser}/{@code secret} included: NAS boxes in the field cannot
 * change it); the REST hub's routes are served on port 5000 on every address, as the original's were, and
 * {@code API_TOKEN} is kept as a client token of any length (stored by the caller as a digest, never written
 * into the file). Wake hosts become hosts, schedules drill schedules, SMTP_* and NOTIFY_* an email channel.
 * Whatever is kept although weaker than Gridwatch's defaults is named in the report with how to harden it.
 * Stateless.
 */
public final class PowerManagerImport {
    public static final String CONF = "power_manager.conf";
    /** The files read from the folder; only power_manager.conf is required. */
    public static final List<String> FILES = List.of(CONF, "ups.conf", "upsd.conf", "upsd.users", "upsmon.conf",
            "upshub.conf", ".env");
    /** Where UPS_Server_Docker's REST hub listened. */
    public static final String SEED_LISTEN = "0.0.0.0:5000";
    /** The name the client token gets. */
    public static final String TOKEN_NAME = "UPS_Server_Docker clients";
    static final int TOKEN_MINIMUM = 16;

    /**
     * @param nutListen  NUT addresses instead of upsd.conf's LISTEN, or null
     * @param seedListen where the client endpoints are served (default {@link #SEED_LISTEN})
     * @param httpListen where the dashboard and API listen, or null for Gridwatch's default (loopback:8080)
     * @param passwords  makes passwords for users the folder does not define
     */
    public record Options(List<String> nutListen, List<String> seedListen, String httpListen,
                          Supplier<String> passwords) {
        public static Options defaults(Supplier<String> passwords) {
            return new Options(null, List.of(SEED_LISTEN), null, passwords);
        }
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
    private static final Set<String> HANDLED = Set.of("SENTINEL_HOSTS", "WOL_DELAY_MINUTES", "DEFAULT_BROADCAST_IP",
            "POWER_SIMULATION_MODE", "API_TOKEN");

    private PowerManagerImport() {
    }

    /**
     * @param files  the folder's files by name ({@link #FILES}), as text; {@code power_manager.conf} required
     * @param source how to name the folder in the file's header
     */
    public static Migration convert(Map<String, String> files, String source, Options o) {
        String text = files.get(CONF);
        if (text == null) {
            throw new IllegalArgumentException(CONF + " is missing");
        }
        PowerManagerConf c = PowerManagerConf.parse(text);
        Report r = new Report();
        c.ignored().forEach(s -> r.notCarried(CONF, s.line(), s.what()));
        YamlText y = new YamlText();
        y.comment("Imported from " + source + " by 'gridwatch import power-manager'. Check it with "
                + "'gridwatch check-config'.");
        Map<String, String> env = env(files.get(".env"), r);
        String ups = upsConf(files.get("ups.conf"), r);
        if (env.containsKey("TZ")) {
            y.line("site:");
            y.line("  timezone: " + YamlText.q(env.get("TZ")) + "   # .env TZ");
        }
        UpsdImport.Result nut = UpsdImport.nut(files.get("upsd.conf"), files.get("upsd.users"), o.nutListen(), y, r,
                o.passwords(), Map.of("monuser", "secondary"));
        if (nut.everyAddress() && !nut.tls()) {
            r.weak("NUT is served on every address without TLS (nut.listen " + nut.listen() + "), as the "
                    + "original's upsd.conf LISTEN", "set nut.tls.certificate and nut.tls.key, or narrow nut.listen "
                    + "to the LAN address the clients use");
        }
        ups(c, ups, files.get("ups.conf"), y, r);
        recovery(c, y);
        hosts(c, y, r);
        schedules(c, y, ups);
        http(c, env, o, y, r);
        notifications(c, y, r);
        rest(c, r);
        List<Migration.KeptToken> tokens = token(c, r);
        upsmon(files.get("upsmon.conf"), r);
        if (files.containsKey("upshub.conf")) {
            r.notCarried("upshub.conf", "the older per-client file: its settings live in power_manager.conf's "
                    + "[WAKE_HOST_n] SHUTDOWN_DELAY_MINUTES since UPS_Server_Docker moved them there; not read");
        }
        if (o.httpListen() == null) {
            r.note("The dashboard and API are at http://127.0.0.1:8080 (loopback only, Gridwatch's default); to "
                    + "reach them from the LAN set http.listen and http.tls.");
        }
        return new Migration(y.toString(), false, r, tokens);
    }

    /** The UPS's name: the first section of ups.conf (the original's is {@code ups}). */
    private static String upsConf(String text, Report r) {
        if (text == null) {
            return "ups";
        }
        NutConf.Sections s = NutConf.sections(text);
        for (NutConf.Line l : s.global()) {
            r.notCarried("ups.conf", l.number(), "'" + l.first() + "': a upsdrvctl setting; Gridwatch's drivers "
                    + "run inside the server");
        }
        String name = null;
        for (NutConf.Block b : s.blocks().values()) {
            if (name == null && UpsName.isValid(b.name())) {
                name = b.name();
                continue;
            }
            r.notCarried("ups.conf", b.line(), "[" + b.name() + "]: UPS_Server_Docker serves one UPS; only the "
                    + "first section becomes the sentinel UPS" + (UpsName.isValid(b.name()) ? "" : " (nor is '"
                    + b.name() + "' a valid UPS name)"));
        }
        return name == null ? "ups" : name;
    }

    private static void ups(PowerManagerConf c, String name, String upsConf, YamlText y, Report r) {
        String description = "Sentinel UPS (imported)";
        if (upsConf != null) {
            NutConf.Block b = NutConf.sections(upsConf).blocks().get(name);
            for (NutConf.Line l : b == null ? List.<NutConf.Line>of() : b.lines()) {
                switch (l.first().toLowerCase(Locale.ROOT)) {
                    case "desc" -> description = l.value();
                    case "port" -> {
                        // the file power_manager wrote for dummy-ups: the sentinel driver keeps the state itself
                    }
                    case "driver" -> {
                        if (!l.value().equals("dummy-ups")) {
                            r.notCarried("ups.conf", l.number(), "driver " + l.value() + ": the UPS's state comes "
                                    + "from the sentinels, as power_manager.conf says; for a UPS with a data link "
                                    + "use 'gridwatch import nut' instead");
                        }
                    }
                    default -> r.notCarried("ups.conf", l.number(), "'" + l.first() + "' is a dummy-ups setting; "
                            + "the sentinel driver replaces dummy-ups and the file power_manager wrote");
                }
            }
        }
        List<String> sentinels = List.of(c.global().getOrDefault("SENTINEL_HOSTS", "").trim().split("\\s+"));
        y.line("ups:");
        y.line("  " + name + ":   # ups.conf's name: clients keep MONITOR " + name + "@<server>");
        y.line("    description: " + YamlText.q(description));
        y.line("    driver: sentinel");
        y.line("    sentinels:");
        int i = 0;
        for (String s : sentinels) {
            if (!s.isBlank()) {
                y.line("      s" + ++i + ": { address: " + YamlText.q(s) + " }");
            }
        }
        if (i == 0) {
            r.todo("SENTINEL_HOSTS is empty: add sentinels under ups." + name + ".sentinels (devices on grid power, "
                    + "not on the UPS)");
            y.line("      router: { address: \"192.0.2.1\" }   # placeholder: SENTINEL_HOSTS was empty");
        }
        y.line("    # Gridwatch probes each sentinel every second and needs 3 failures in a row (the original: one "
                + "ping every 15 s)");
        y.line("    battery: { low_battery: immediate }   # as the original: OB LB as soon as the grid is lost");
    }

    private static void recovery(PowerManagerConf c, YamlText y) {
        y.line("recovery:");
        y.line("  delay: " + minutes(c.global().getOrDefault("WOL_DELAY_MINUTES", "5")));
        String bc = c.global().get("DEFAULT_BROADCAST_IP");
        if (bc != null && !bc.isBlank()) {
            y.line("  broadcast: " + YamlText.q(bc));
        }
    }

    private static void hosts(PowerManagerConf c, YamlText y, Report r) {
        if (c.hosts().isEmpty()) {
            return;
        }
        y.line("hosts:");
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, String>> e : c.hosts().entrySet()) {
            Map<String, String> h = e.getValue();
            String shown = h.getOrDefault("NAME", e.getKey().toLowerCase(Locale.ROOT)).strip();
            String name = unique(names, YamlText.key(shown));
            String mac = h.get("MAC");
            StringBuilder sb = new StringBuilder("  ").append(name).append(": { ");
            if (!shown.equals(name) && !shown.isEmpty()) {
                sb.append("display_name: ").append(YamlText.q(shown.length() > 100 ? shown.substring(0, 100) : shown))
                        .append(", ");
            }
            sb.append("address: ").append(YamlText.q(h.getOrDefault("IP", "")));
            if (mac != null && MagicPacket.isMac(mac)) {
                sb.append(", mac: ").append(YamlText.q(mac));
                sb.append(", wake: ").append(PowerManagerConf.bool(h.get("AUTO_WOL"), true));
            } else if (mac != null) {
                r.notCarried(CONF, c.line(e.getKey() + ".MAC"), "[" + e.getKey() + "] MAC '" + mac
                        + "' is not a MAC address; the host will not be woken");
            }
            if (h.get("BROADCAST_IP") != null && !h.get("BROADCAST_IP").isBlank()) {
                sb.append(", broadcast: ").append(YamlText.q(h.get("BROADCAST_IP")));
            }
            if (h.get("SHUTDOWN_DELAY_MINUTES") != null) {
                sb.append(", shutdown_delay: ").append(minutes(h.get("SHUTDOWN_DELAY_MINUTES")));
            }
            sb.append(", ignore_drills: ").append(PowerManagerConf.bool(h.get("IGNORE_SIMULATION"), false)).append(" }");
            if (h.get("IP") == null) {
                r.todo("[" + e.getKey() + "] has no IP: set hosts." + name + ".address, or Gridwatch cannot tell "
                        + "whether it is up");
            }
            for (String k : h.keySet()) {
                if (!Set.of("NAME", "IP", "MAC", "BROADCAST_IP", "SHUTDOWN_DELAY_MINUTES", "AUTO_WOL",
                        "IGNORE_SIMULATION").contains(k)) {
                    r.notCarried(CONF, c.line(e.getKey() + "." + k), "[" + e.getKey() + "] " + k
                            + " is not a key UPS_Server_Docker reads; not carried");
                }
            }
            y.line(sb.toString());
        }
    }

    private static void schedules(PowerManagerConf c, YamlText y, String ups) {
        if (c.schedules().isEmpty()) {
            return;
        }
        y.line("schedules:");
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, String>> e : c.schedules().entrySet()) {
            Map<String, String> s = e.getValue();
            String name = unique(names, YamlText.key(s.getOrDefault("NAME", e.getKey().toLowerCase(Locale.ROOT))));
            boolean once = "one-time".equalsIgnoreCase(s.getOrDefault("TYPE", "recurring"));
            StringBuilder sb = new StringBuilder("  ").append(name).append(": { ups: [").append(ups).append("], ");
            if (once) {
                sb.append("date: ").append(YamlText.q(s.getOrDefault("DATE", ""))).append(", ");
            } else {
                sb.append("day: ").append(YamlText.q(s.getOrDefault("DAY_OF_WEEK", "everyday")
                        .toLowerCase(Locale.ROOT))).append(", ");
            }
            sb.append("time: ").append(YamlText.q(s.getOrDefault("TIME", ""))).append(", action: ")
                    .append(YamlText.q(s.getOrDefault("ACTION", "start").toLowerCase(Locale.ROOT))).append(", enabled: ")
                    .append(PowerManagerConf.bool(s.get("ENABLED"), true)).append(" }");
            y.line(sb.toString());
        }
    }

    /** The stale timeout and the seed listener, where UPS_monitor and the bash client reach the hub. */
    private static void http(PowerManagerConf c, Map<String, String> env, Options o, YamlText y, Report r) {
        y.line("http:");
        if (o.httpListen() != null) {
            y.line("  listen: " + YamlText.q(o.httpListen()) + "   # --http-listen");
        }
        String stale = c.global().get("CLIENT_STALE_TIMEOUT_MINUTES");
        if (stale != null) {
            y.line("  client_stale_after: " + minutes(stale));
        }
        y.line("  seed:   # UPS_Server_Docker's clients (UPS_monitor, bash, PowerShell): /config /upsc /status /version");
        y.line("    listen: " + YamlText.list(o.seedListen()) + "   # where the original hub listened");
        if (env.containsKey("UPS_SERVER_HOST_IP")) {
            y.line("    ups_host: " + YamlText.q(env.get("UPS_SERVER_HOST_IP")) + "   # .env UPS_SERVER_HOST_IP");
        }
        if (o.seedListen().stream().anyMatch(UpsdImport::wildcard)) {
            r.weak("UPS_Server_Docker's client endpoints are served on plain HTTP on every address (http.seed.listen "
                    + o.seedListen() + "), as the original's: the token crosses the LAN in clear",
                    "move the clients to 'gridwatch agent' with hub.url on https, then delete http.seed (or narrow "
                    + "http.seed.listen to the LAN address)");
        }
    }

    private static List<Migration.KeptToken> token(PowerManagerConf c, Report r) {
        String token = c.global().getOrDefault("API_TOKEN", "");
        if (token.isEmpty()) {
            r.todo("API_TOKEN is empty: create a token with the client scope (dashboard: Users, Tokens) and put it "
                    + "in each client");
            return List.of();
        }
        if (token.length() < TOKEN_MINIMUM) {
            r.weak("API_TOKEN (" + token.length() + " characters) is kept as the client token '" + TOKEN_NAME
                    + "'; Gridwatch makes new ones of at least " + TOKEN_MINIMUM,
                    "create a new client token (dashboard: Users, Tokens), put it in each client, then revoke '"
                    + TOKEN_NAME + "'");
        }
        r.note("API_TOKEN is kept as the client token '" + TOKEN_NAME + "' (stored as a digest in the data folder, "
                + "not in the YAML): the clients keep sending it.");
        return List.of(new Migration.KeptToken(TOKEN_NAME, token));
    }

    /** The server's own upsmon belongs to the agent; each of its lines is named. */
    private static void upsmon(String text, Report r) {
        if (text == null) {
            return;
        }
        for (NutConf.Line l : NutConf.directives(text)) {
            r.notCarried("upsmon.conf", l.number(), l.first() + ": this machine's own upsmon settings go to the "
                    + "agent: 'gridwatch import upsmon upsmon.conf --output agent.yaml'");
        }
    }

    private static Map<String, String> env(String text, Report r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        PowerManagerConf e = PowerManagerConf.parse(text);
        e.ignored().forEach(s -> r.notCarried(".env", s.line(), s.what()));
        for (Map.Entry<String, String> kv : e.global().entrySet()) {
            switch (kv.getKey()) {
                case "TZ", "UPS_SERVER_HOST_IP" -> out.put(kv.getKey(), kv.getValue());
                default -> r.notCarried(".env", e.line(kv.getKey()), kv.getKey() + ": a container setting with no "
                        + "Gridwatch equivalent");
            }
        }
        return out;
    }

    /** SMTP_* and NOTIFY_* become an email channel (the seed's TLS rules spelled out). */
    private static void notifications(PowerManagerConf c, YamlText y, Report r) {
        Map<String, String> g = c.global();
        String server = g.get("SMTP_SERVER");
        if (server == null || server.isBlank()) {
            return;
        }
        String port = g.getOrDefault("SMTP_PORT", "587").trim();
        String useTls = g.getOrDefault("SMTP_USE_TLS", "auto").trim().toLowerCase(Locale.ROOT);
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
        y.line("      host: " + YamlText.q(server.trim()));
        y.line("      port: " + port(port, c, r));
        y.line("      tls: " + tls + "   # from SMTP_USE_TLS=" + useTls);
        String user = g.getOrDefault("SMTP_USER", g.get("SMTP_USERNAME"));
        if (user != null && !user.isBlank()) {
            y.line("      user: " + YamlText.q(user.trim()));
            y.line("      password: " + YamlText.q(g.getOrDefault("SMTP_PASSWORD", "")));
        }
        String from = g.getOrDefault("SMTP_SENDER_EMAIL", "");
        y.line("      from: " + YamlText.q(from.trim()));
        if (g.get("SMTP_SENDER_NAME") != null) {
            y.line("      from_name: " + YamlText.q(g.get("SMTP_SENDER_NAME").trim()));
        }
        List<String> to = java.util.Arrays.stream(g.getOrDefault("SMTP_RECIPIENTS", "").split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList();
        y.line("      to: " + YamlText.list(to));
        y.line("      events: [" + String.join(", ", events) + "]" + (events.isEmpty()
                ? "   # every NOTIFY_* switch was off: nothing is sent until you add types" : ""));
        y.line("      drills: " + PowerManagerConf.bool(g.get("NOTIFY_SIMULATION_MODE"), false));
        if (to.isEmpty() || from.isBlank()) {
            r.todo("SMTP_SERVER is set but " + (to.isEmpty() ? "SMTP_RECIPIENTS" : "SMTP_SENDER_EMAIL")
                    + " is empty: fill in notify.channels.email");
        }
    }

    private static String port(String port, PowerManagerConf c, Report r) {
        try {
            return String.valueOf(Integer.parseInt(port));
        } catch (NumberFormatException e) {
            r.notCarried(CONF, c.line("SMTP_PORT"), "SMTP_PORT '" + port + "' is not a number; 587 written instead");
            return "587";
        }
    }

    private static void rest(PowerManagerConf c, Report r) {
        for (Map.Entry<String, String> e : c.global().entrySet()) {
            String k = e.getKey();
            if (MAIL.contains(k) || HANDLED.contains(k)) {
                if (k.equals("POWER_SIMULATION_MODE") && PowerManagerConf.bool(e.getValue(), false)) {
                    r.todo("POWER_SIMULATION_MODE was on: start the drill again with 'gridwatch drill start ups'");
                }
                continue;
            }
            String why = switch (k) {
                case "UPS_STATE_FILE" -> "the sentinel driver keeps the state in the server; no file";
                case "DEBUG_MODE" -> "use --log-level debug";
                default -> "not a key UPS_Server_Docker reads";
            };
            r.notCarried(CONF, c.line(k), k + ": " + why);
        }
    }

    private static String minutes(String v) {
        try {
            return Math.max(0, Integer.parseInt(v.trim())) + "m";
        } catch (NumberFormatException e) {
            return "5m";
        }
    }

    private static String unique(Set<String> used, String name) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }
}
