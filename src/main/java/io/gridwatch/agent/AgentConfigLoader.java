package io.gridwatch.agent;

import io.gridwatch.client.UpsAddress;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.ConfigNode;
import io.gridwatch.config.ConfigReference;
import io.gridwatch.config.KeyDocs;
import io.gridwatch.config.Problems;
import io.gridwatch.config.Section;
import io.gridwatch.config.Values;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks {@code agent.yaml} the way {@link ConfigLoader} reads the server's file: every problem at
 * once, with file, line and key path, and nothing started from a file with problems. Stateless.
 */
public final class AgentConfigLoader {
    private AgentConfigLoader() {
    }

    public static AgentConfig load(Path file) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        return parse(ConfigLoader.read(abs), abs, abs.getParent());
    }

    public static AgentConfig parse(String text, Path file, Path baseDir) throws ConfigException {
        Problems problems = new Problems(file);
        ConfigNode.MapNode map = ConfigLoader.root(text, problems, "settings (monitor:, policy:, hub:)");
        AgentConfig config = bind(Section.root(map, problems, null, baseDir), file);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.list());
        }
        return config;
    }

    /** Every documented agent key with type, default and meaning. */
    /** The agent's keys as docs/agent-configuration.md ({@code gridwatch agent --reference}). */
    public static String markdown() {
        return "# Agent configuration reference\n\n"
                + "Generated from the key catalogue by `gridwatch agent --reference`; do not edit by hand.\n"
                + "One YAML file, passed with `gridwatch agent --config FILE`, checked as a whole like the "
                + "server's (`gridwatch agent --config FILE --check`). Durations: `500ms`, `30s`, `5m`, `2h`. "
                + "`<name>` stands for a name you choose.\n\n" + ConfigReference.table(document().keys());
    }

    public static KeyDocs document() {
        KeyDocs docs = new KeyDocs();
        bind(Section.root(ConfigNode.MapNode.empty(0), new Problems(null), docs, null), null);
        return docs;
    }

    private static AgentConfig bind(Section root, Path file) {
        String host = root.string("host", null,
                "This machine's name at the hub (a host under the server's hosts:); default: its host name.");
        List<AgentConfig.Monitor> monitors = monitors(root);
        int minSupplies = root.integer("min_supplies", 1, 0, 1000,
                "upsmon's MINSUPPLIES: power supplies that must be fed for this machine to keep running.");
        AgentConfig.Timing timing = timing(root);
        AgentConfig.Policy policy = policy(root.section("policy", "When to shut down, beyond NUT's rules."));
        AgentConfig.Hub hub = hub(root.section("hub", "The Gridwatch server to report to and take settings from."));
        List<AgentConfig.Hook> hooks = hooks(root);
        AgentConfig.Notify notify = notify(root.section("notify", "upsmon's NOTIFYCMD: a command per notification."));
        List<AgentConfig.Timer> timers = timers(root, monitors);
        List<String> shutdown = root.strings("shutdown_command", null,
                "The command that powers this machine off; default per OS (Linux: /sbin/shutdown -h +0, macOS: "
                        + "/sbin/shutdown -h now, Windows: shutdown /s /t 0).");
        if (shutdown != null && shutdown.isEmpty()) {
            root.problem("shutdown_command", "must not be empty");
        }
        if (!root.documenting() && monitors.isEmpty() && root.keys().contains("monitor")) {
            root.problem("monitor", "lists no UPS");
        }
        int total = monitors.stream().mapToInt(AgentConfig.Monitor::powerValue).sum();
        if (!monitors.isEmpty() && total < minSupplies) {
            root.problem("min_supplies", "is " + minSupplies + " but the monitored UPSes' power values add up to "
                    + total + ": this machine would shut down at once");
        }
        root.finish();
        return new AgentConfig(file, host == null ? localHostName() : host, monitors, minSupplies, timing, policy, hub,
                hooks, notify, timers, shutdown == null ? defaultShutdownCommand() : shutdown);
    }

    private static List<AgentConfig.Monitor> monitors(Section root) {
        List<AgentConfig.Monitor> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : root.named("monitor",
                "upsmon's MONITOR lines: the UPSes this machine is on, by a name you choose. Without any, the "
                        + "agent looks for servers on the LAN (mDNS) and says what it found.").entrySet()) {
            Section m = e.getValue();
            UpsAddress address = m.required("ups", "ups@host[:port]", "The UPS, as upsc spells it.",
                    n -> UpsAddress.parse(Values.string(n), true));
            String user = m.string("user", null, "NUT user (upsd.users) to log in as; needed for primary.");
            String password = m.string("password", null, "That user's password.");
            String role = m.string("role", "secondary", "primary (this machine commands the UPS: it sets FSD and "
                    + "waits for the others) or secondary (master and slave are read as the same).");
            int power = m.integer("power_value", 1, 0, 1000, "Power supplies of this machine the UPS feeds.");
            List<String> failover = m.strings("failover", List.of(), "The same UPS on the site's other servers "
                    + "(ups@host[:port] each), read in order when the current server does not answer; the switch "
                    + "happens within one poll and keeps the countdown. Same user and password.");
            m.finish();
            List<AgentConfig.Endpoint> others = new ArrayList<>();
            for (String f : failover) {
                try {
                    UpsAddress a = UpsAddress.parse(f, true);
                    AgentConfig.Endpoint ep = new AgentConfig.Endpoint(a.ups(), a.host(), a.port());
                    if (address != null && a.host().equalsIgnoreCase(address.host()) && a.port() == address.port()) {
                        m.problem("failover", "'" + f + "' is the same server as ups: name another server");
                    } else {
                        others.add(ep);
                    }
                } catch (IllegalArgumentException ex) {
                    m.problem("failover", "'" + f + "': " + ex.getMessage() + " (expected ups@host[:port])");
                }
            }
            boolean primary = switch (role == null ? "" : role.toLowerCase(Locale.ROOT)) {
                case "primary", "master" -> true;
                case "secondary", "slave" -> false;
                default -> {
                    m.problem("role", "must be primary or secondary (got '" + role + "')");
                    yield false;
                }
            };
            if (primary && (user == null || password == null)) {
                m.problem(user == null ? "user" : "password", "a primary must log in with a NUT user that may "
                        + "set FSD (upsd.users: upsmon primary)");
            }
            if (address != null && !m.documenting()) {
                out.add(new AgentConfig.Monitor(address.ups(), address.host(), address.port(), power, user, password,
                        primary, others));
            }
        }
        return out;
    }

    private static AgentConfig.Timing timing(Section r) {
        Duration ms = Duration.ofMillis(100);
        return new AgentConfig.Timing(
                r.duration("poll", Duration.ofMillis(500), ms, "How often each UPS is asked for its status (upsmon's "
                        + "POLLFREQ; one GET VAR on a held connection: cheap, and the reaction time's bound)."),
                r.duration("poll_on_battery", Duration.ofMillis(500), ms, "The same while on battery (POLLFREQALERT)."),
                r.duration("deadtime", Duration.ofSeconds(15), Duration.ofSeconds(1), "A UPS last seen on battery "
                        + "that does not answer for this long is taken as critical (DEADTIME)."),
                r.duration("hostsync", Duration.ofSeconds(15), Duration.ZERO, "A primary waits this long at most for "
                        + "the secondaries to log out after setting FSD (HOSTSYNC)."),
                r.duration("final_delay", Duration.ofSeconds(5), Duration.ZERO, "Between the SHUTDOWN notification "
                        + "and the shutdown command (FINALDELAY)."),
                r.duration("ob_lb_duration", Duration.ZERO, Duration.ZERO, "On battery and low battery must last "
                        + "this long before the UPS counts as critical (OBLBDURATION)."),
                r.duration("nocomm_warn", Duration.ofMinutes(5), Duration.ofSeconds(1), "Repeat NOCOMM this often "
                        + "while a UPS cannot be reached (NOCOMMWARNTIME)."),
                r.duration("replbatt_warn", Duration.ofHours(12), Duration.ofSeconds(1), "Repeat REPLBATT this often "
                        + "while the UPS asks for a new battery (RBWARNTIME)."),
                r.duration("connect_timeout", Duration.ofSeconds(5), ms, "Connecting to and answering from a server."));
    }

    private static AgentConfig.Policy policy(Section p) {
        Duration delay = p.duration("shutdown_delay", null, Duration.ZERO, "Shut down this long after the power "
                + "fails, unless it returns first (0: at once). The hub's shutdown_delay for this host wins. "
                + "Absent: only NUT's rules (low battery, FSD).");
        boolean ignore = p.bool("ignore_drills", false, "Outages flagged as drills (ups.simulation) are ignored; "
                + "the hub's ignore_drills for this host wins.");
        int charge = p.integer("min_charge", 0, 0, 100, "On battery with less charge than this (percent): shut "
                + "down. 0: off.");
        Duration runtime = p.duration("min_runtime", Duration.ZERO, Duration.ZERO, "On battery with less runtime "
                + "left than this: shut down. 0: off.");
        Duration restore = p.duration("restore_after", Duration.ofSeconds(10), Duration.ZERO, "Once this host's "
                + "countdown (shutdown_delay) has started, power must read on line without a break this long before "
                + "the countdown stops: a UPS that flaps back to OL for a moment does not reset it. 0: the first OL "
                + "stops it. (A Gridwatch sentinel UPS already waits its own restore_after before it reads OL.)");
        p.finish();
        return new AgentConfig.Policy(delay, ignore, charge, runtime, restore);
    }

    private static AgentConfig.Hub hub(Section h) {
        URI url = h.value("url", null, "URL", "The server's dashboard address, e.g. http://gridwatch:8080.", n -> {
            URI u = URI.create(Values.string(n));
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL");
            }
            return u;
        });
        String token = h.string("token", null, "An API token with the client scope (dashboard: Users, Tokens).");
        Duration beat = h.duration("heartbeat", Duration.ofSeconds(60), Duration.ofSeconds(1),
                "Report this often even when nothing changes (the server marks silent hosts stale).");
        boolean any = h.bool("trust_any_certificate", false, "HTTPS: accept a self-signed certificate.");
        h.finish();
        if (url != null && token == null && !h.documenting()) {
            h.problem("token", "the hub needs a token with the client scope");
        }
        return url == null ? null : new AgentConfig.Hub(url, token, beat, any);
    }

    private static List<AgentConfig.Hook> hooks(Section root) {
        List<AgentConfig.Hook> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : root.named("hooks", "Commands run in this order before the shutdown "
                + "command (stop VMs, containers, databases), by a name you choose.").entrySet()) {
            Section s = e.getValue();
            List<String> cmd = s.required("command", "list of strings", "The command and its arguments.", Values::strings);
            Duration timeout = s.duration("timeout", Duration.ofMinutes(2), Duration.ofSeconds(1),
                    "Longest wait for it; then it is stopped and the shutdown goes on.");
            s.finish();
            if (cmd != null && !s.documenting()) {
                out.add(new AgentConfig.Hook(e.getKey(), cmd, timeout));
            }
        }
        return out;
    }

    private static AgentConfig.Notify notify(Section n) {
        List<String> cmd = n.strings("command", null, "Run for each notification, with NOTIFYTYPE and UPSNAME in "
                + "its environment and the message as its last argument (NOTIFYCMD).");
        List<String> types = n.strings("types", List.of(), "The types that run it (default: all): ONLINE, ONBATT, "
                + "LOWBATT, FSD, COMMOK, COMMBAD, SHUTDOWN, REPLBATT, NOCOMM, CAL, NOTCAL, OFF, NOTOFF, BYPASS, NOTBYPASS.");
        n.finish();
        return new AgentConfig.Notify(cmd, types(n, "types", types));
    }

    private static List<AgentConfig.Timer> timers(Section root, List<AgentConfig.Monitor> monitors) {
        List<AgentConfig.Timer> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : root.named("timers", "upssched-style timers, by a name you choose: "
                + "started by some notifications, cancelled by others, a command when they run out.").entrySet()) {
            Section s = e.getValue();
            Set<String> start = types(s, "start_on", s.required("start_on", "list of strings",
                    "Notification types that start it (a running timer is not restarted).", Values::strings));
            Set<String> cancel = types(s, "cancel_on", s.strings("cancel_on", List.of(),
                    "Notification types that cancel it."));
            Duration after = s.value("after", null, "duration", "How long it runs. Required.",
                    n -> Values.duration(n, Duration.ZERO));
            if (after == null && !s.documenting()) {
                s.problem("after", "missing: this key is required");
            }
            List<String> cmd = s.required("command", "list of strings", "Run when it expires (TIMER env: its name).",
                    Values::strings);
            String ups = s.string("ups", null, "Only notifications about this monitored UPS (its ups@host); default: any.");
            s.finish();
            if (ups != null && monitors.stream().noneMatch(m -> m.id().equals(ups) || m.ups().equals(ups))) {
                s.problem("ups", "is not a monitored UPS (" + String.join(", ", monitors.stream()
                        .map(AgentConfig.Monitor::id).toList()) + ")");
            }
            if (!s.documenting() && cmd != null && after != null) {
                out.add(new AgentConfig.Timer(e.getKey(), start, cancel, after, cmd, ups));
            }
        }
        return out;
    }

    private static Set<String> types(Section s, String key, List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names == null ? List.<String>of() : names) {
            UpsmonNotify t = UpsmonNotify.parse(n);
            if (t == null) {
                s.problem(key, "'" + n + "' is not a notification type (ONLINE, ONBATT, LOWBATT, FSD, COMMOK, "
                        + "COMMBAD, SHUTDOWN, REPLBATT, NOCOMM, CAL, NOTCAL, OFF, NOTOFF, BYPASS, NOTBYPASS)");
            } else {
                out.add(t.name());
            }
        }
        return out;
    }

    /** The command that powers this machine off on this OS. */
    public static List<String> defaultShutdownCommand() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("shutdown", "/s", "/t", "0", "/c", "Gridwatch: UPS power is running out");
        }
        if (os.contains("mac")) {
            return List.of("/sbin/shutdown", "-h", "now");
        }
        return List.of("/sbin/shutdown", "-h", "+0", "Gridwatch: UPS power is running out");
    }

    private static String localHostName() {
        try {
            String n = InetAddress.getLocalHost().getHostName();
            int dot = n.indexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
