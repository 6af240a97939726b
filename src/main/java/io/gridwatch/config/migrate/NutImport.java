package io.gridwatch.config.migrate;

import io.gridwatch.hub.UpsName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts an existing NUT server's folder into a Gridwatch server: each {@code ups.conf} entry becomes a
 * {@code nut} proxy of the upsd that serves it (its driver keeps running under NUT, with its settings), dummy-ups
 * entries become {@code dummy} UPSes playing the same file (a dummy-ups repeater, {@code port = ups@host}, a
 * proxy of that upstream); {@code upsd.conf} and {@code upsd.users} carry over as for any import. Stateless.
 */
public final class NutImport {
    /** The files read from the folder; ups.conf is required. */
    public static final List<String> FILES = List.of("ups.conf", "upsd.conf", "upsd.users", "nut.conf");
    private static final Set<String> DUMMY_KEYS = Set.of("driver", "port", "desc", "mode", "pollinterval");

    private NutImport() {
    }

    /**
     * @param dir       the folder, to resolve dummy-ups files given relative to it (as dummy-ups does)
     * @param upstream  where that upsd answers ({@code host[:port]}), or null: its first LISTEN, else localhost
     * @param nutListen Gridwatch's NUT addresses instead of upsd.conf's LISTEN, or null
     */
    public static Migration convert(Map<String, String> files, Path dir, String upstream, List<String> nutListen) {
        Report r = new Report();
        YamlText y = new YamlText();
        y.comment("Imported from " + dir + " by 'gridwatch import nut'. Check it with 'gridwatch check-config'.");
        String server = upstream != null ? withPort(upstream) : firstListen(files.get("upsd.conf"));
        NutConf.Sections ups = NutConf.sections(files.get("ups.conf"));
        for (NutConf.Line l : ups.global()) {
            r.notCarried("ups.conf", l.number(), "'" + l.first() + "': a upsdrvctl setting; the drivers stay with NUT");
        }
        UpsdImport.Result nut = UpsdImport.nut(files.get("upsd.conf"), files.get("upsd.users"), nutListen, y, r,
                () -> "", Map.of());
        if (nut.everyAddress() && !nut.tls()) {
            r.weak("NUT is served on every address without TLS (nut.listen " + nut.listen() + "), as upsd.conf's LISTEN",
                    "set nut.tls.certificate and nut.tls.key, or narrow nut.listen to the LAN address");
        }
        String relay = relayUser(files.get("upsd.users"));
        List<String> entries = new ArrayList<>();
        boolean proxies = false;
        for (NutConf.Block b : ups.blocks().values()) {
            if (!UpsName.isValid(b.name())) {
                r.notCarried("ups.conf", b.line(), "[" + b.name() + "] is not a UPS name Gridwatch accepts");
                continue;
            }
            Map<String, NutConf.Line> keys = new LinkedHashMap<>();
            for (NutConf.Line l : b.lines()) {
                keys.put(l.first().toLowerCase(Locale.ROOT), l);
            }
            String driver = keys.containsKey("driver") ? keys.get("driver").value() : "";
            String desc = keys.containsKey("desc") ? keys.get("desc").value() : null;
            String port = keys.containsKey("port") ? keys.get("port").value() : "";
            StringBuilder e = new StringBuilder("  ").append(b.name()).append(":\n");
            if (desc != null) {
                e.append("    description: ").append(YamlText.q(desc)).append('\n');
            }
            if (driver.equals("dummy-ups") && !port.contains("@")) {
                Path file = dir.resolve(port);
                e.append("    driver: dummy\n    file: ").append(YamlText.q(file.toString())).append('\n');
                NutConf.Line mode = keys.get("mode");
                if (mode != null) {
                    switch (mode.value()) {
                        case "dummy-once" -> e.append("    mode: once\n");
                        case "dummy-loop" -> e.append("    mode: loop\n");
                        case "dummy" -> e.append("    mode: auto\n");
                        default -> r.notCarried("ups.conf", mode.number(), "[" + b.name() + "] mode " + mode.value()
                                + ": not a dummy-ups file mode");
                    }
                }
                NutConf.Line poll = keys.get("pollinterval");
                if (poll != null && poll.value().matches("\\d{1,6}")) {
                    e.append("    pollinterval: ").append(poll.value()).append("s\n");
                }
                for (NutConf.Line l : b.lines()) {
                    if (!DUMMY_KEYS.contains(l.first().toLowerCase(Locale.ROOT))) {
                        r.notCarried("ups.conf", l.number(), "[" + b.name() + "] " + l.first() + ": a dummy-ups "
                                + "option Gridwatch's dummy driver does not have");
                    }
                }
            } else {
                String from = driver.equals("dummy-ups") ? withPort(port) : b.name() + "@" + server;
                e.append("    driver: nut\n    upstream: ").append(YamlText.q(from))
                        .append(driver.equals("dummy-ups") ? "   # dummy-ups repeater of this UPS\n"
                                : "   # its driver (" + driver + ") keeps running under this upsd\n");
                proxies = proxies || !driver.equals("dummy-ups");
                if (relay != null) {
                    e.append("    user: ").append(YamlText.q(relay)).append('\n');
                    e.append("    password: ").append(YamlText.q(password(files.get("upsd.users"), relay)))
                            .append("   # relays SET VAR and INSTCMD\n");
                }
                if (!driver.equals("dummy-ups") && b.lines().size() > (desc == null ? 2 : 3)) {
                    r.note("[" + b.name() + "]: " + driver + "'s own settings in ups.conf stay in effect: the driver "
                            + "runs under NUT, Gridwatch mirrors what it publishes.");
                }
            }
            entries.add(e.toString());
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("ups.conf defines no UPS Gridwatch can serve");
        }
        y.line("ups:");
        entries.forEach(e -> y.line(e.stripTrailing()));
        if (proxies) {
            if (relay == null) {
                r.todo("no upsd.users user has actions = SET and instcmds = ALL: without one (ups.<name>.user and "
                        + "password) Gridwatch reads the UPSes but cannot relay SET VAR or INSTCMD");
            }
            r.note("The UPSes stay served by upsd at " + server + " (NUT's drivers talk to the hardware); "
                    + "Gridwatch mirrors them.");
            if (nutListen == null && nut.listen().stream().anyMatch(a -> a.endsWith(":" + port(server)))) {
                r.todo("Gridwatch and upsd would both listen on port " + port(server) + ": run Gridwatch on another "
                        + "machine, or move one of them (import again with --nut-listen, or change upsd.conf's LISTEN)");
            }
        }
        if (files.containsKey("nut.conf")) {
            for (NutConf.Line l : NutConf.directives(files.get("nut.conf"))) {
                r.notCarried("nut.conf", l.number(), l.first() + ": which NUT daemons start; Gridwatch's service "
                        + "replaces upsd, the agent replaces upsmon");
            }
        }
        return new Migration(y.toString(), false, r, List.of());
    }

    /** The first upsd.users user that may relay everything: actions SET and instcmds ALL. */
    private static String relayUser(String users) {
        if (users == null) {
            return null;
        }
        for (NutConf.Block b : NutConf.sections(users).blocks().values()) {
            boolean set = false;
            boolean all = false;
            for (NutConf.Line l : b.lines()) {
                String k = l.first().toLowerCase(Locale.ROOT);
                if (k.equals("actions")) {
                    set |= l.args().stream().anyMatch(a -> a.equalsIgnoreCase("SET"));
                }
                if (k.equals("instcmds")) {
                    all |= l.args().stream().anyMatch(a -> a.equalsIgnoreCase("ALL"));
                }
            }
            if (set && all && !password(users, b.name()).isEmpty()) {
                return b.name();
            }
        }
        return null;
    }

    private static String password(String users, String name) {
        NutConf.Block b = NutConf.sections(users).blocks().get(name);
        for (NutConf.Line l : b.lines()) {
            if (l.first().equalsIgnoreCase("password")) {
                return l.value();
            }
        }
        return "";
    }

    private static String firstListen(String upsdConf) {
        if (upsdConf != null) {
            for (NutConf.Line l : NutConf.directives(upsdConf)) {
                if (l.first().equalsIgnoreCase("LISTEN") && !l.args().isEmpty() && l.args().size() <= 2) {
                    String host = l.args().get(0);
                    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("*")) {
                        host = "localhost";
                    }
                    return UpsdImport.hostPort(host, l.args().size() == 2 ? l.args().get(1) : "3493");
                }
            }
        }
        return "localhost:3493";
    }

    /** {@code host[:port]} or {@code ups@host[:port]} with upsd's port made explicit. */
    private static String withPort(String s) {
        String host = s.contains("@") ? s.substring(s.indexOf('@') + 1) : s;
        boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.indexOf(':') > 0
                && host.indexOf(':') == host.lastIndexOf(':');
        return hasPort ? s : s + ":3493";
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }
}
