package io.gridwatch.config.migrate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The NUT server part of an import, shared by the NUT and UPS_Server_Docker importers: {@code upsd.conf}
 * (LISTEN, MAXCONN, MAXAGE, CERTFILE) and {@code upsd.users} (passwords, actions, instcmds, upsmon roles) become
 * the {@code nut:} section, with upsd's own defaults where a file says nothing, so that every NUT client logs
 * in as before. Stateless.
 */
final class UpsdImport {
    /** Passwords that ship in examples and images: kept when found (clients depend on them), but named. */
    private static final Set<String> WELL_KNOWN = Set.of("secret", "pass", "password", "mypass", "mypassword",
            "upsmon", "admin", "monuser", "123456", "changeme", "nut", "test");
    private static final int UPSD_PORT = 3493;

    private UpsdImport() {
    }

    /** What the {@code nut:} section says, for the caller's own warnings. */
    record Result(List<String> listen, boolean tls) {
        boolean everyAddress() {
            return listen.stream().anyMatch(UpsdImport::wildcard);
        }
    }

    /**
     * Writes the {@code nut:} section.
     *
     * @param upsdConf   the text of upsd.conf, or null when the folder has none
     * @param users      the text of upsd.users, or null when the folder has none
     * @param listen     addresses to listen on instead of upsd.conf's LISTEN (the importer's --nut-listen), or null
     * @param generated  when upsd.users is missing: the users to create (name to upsmon role), each with a new
     *                   password from {@code passwords}; may be empty
     */
    static Result nut(String upsdConf, String users, List<String> listen, YamlText y, Report r,
                      Supplier<String> passwords, java.util.Map<String, String> generated) {
        y.line("nut:");
        List<String> fromFile = new ArrayList<>();
        boolean tls = false;
        if (upsdConf != null) {
            for (NutConf.Line l : NutConf.directives(upsdConf)) {
                String d = l.first().toUpperCase(Locale.ROOT);
                List<String> a = l.args();
                switch (d) {
                    case "LISTEN" -> {
                        if (a.isEmpty() || a.size() > 2) {
                            r.notCarried("upsd.conf", l.number(), "LISTEN needs an address and an optional port");
                        } else {
                            fromFile.add(hostPort(a.get(0), a.size() == 2 ? a.get(1) : String.valueOf(UPSD_PORT)));
                        }
                    }
                    case "MAXCONN" -> number(l, "maxconn", "", y, r);
                    case "MAXAGE" -> number(l, "maxage", "s", y, r);
                    case "CERTFILE" -> {
                        if (a.size() == 1) {
                            // upsd's CERTFILE holds the chain and then the key: Gridwatch reads the key from it too
                            y.line("  tls: { certificate: " + YamlText.q(a.get(0)) + ", key: " + YamlText.q(a.get(0))
                                    + " }   # upsd's CERTFILE: chain and key in one PEM file");
                            tls = true;
                        } else {
                            r.notCarried("upsd.conf", l.number(), "CERTFILE needs one file name");
                        }
                    }
                    case "STATEPATH" -> r.notCarried("upsd.conf", l.number(), "STATEPATH: Gridwatch's drivers run "
                            + "inside the server and need no driver sockets");
                    case "TRACKINGDELAY" -> r.notCarried("upsd.conf", l.number(), "TRACKINGDELAY: Gridwatch keeps "
                            + "each command's result for its own fixed time; no setting");
                    case "ALLOW_NO_DEVICE" -> r.notCarried("upsd.conf", l.number(), "ALLOW_NO_DEVICE: Gridwatch "
                            + "starts without a UPS anyway");
                    case "DISABLE_WEAK_SSL" -> r.notCarried("upsd.conf", l.number(), "DISABLE_WEAK_SSL: Gridwatch "
                            + "offers TLS 1.2 and 1.3 only, always");
                    case "CERTPATH", "CERTIDENT", "CERTREQUEST" -> r.notCarried("upsd.conf", l.number(), d
                            + ": an NSS certificate database; export it to PEM (pk12util, openssl) and set "
                            + "nut.tls.certificate and nut.tls.key");
                    case "DEBUG_MIN" -> r.notCarried("upsd.conf", l.number(), "DEBUG_MIN: Gridwatch's log levels "
                            + "are set with --log-level");
                    default -> r.notCarried("upsd.conf", l.number(), "'" + l.first() + "' is not an upsd.conf "
                            + "directive Gridwatch knows");
                }
            }
        }
        List<String> addresses = listen != null ? listen
                : fromFile.isEmpty() ? List.of("127.0.0.1:" + UPSD_PORT, "[::1]:" + UPSD_PORT) : fromFile;
        String origin = listen != null ? "   # from --nut-listen" : fromFile.isEmpty()
                ? "   # upsd's default: loopback only" : "   # upsd.conf LISTEN";
        y.line("  listen: " + YamlText.list(addresses) + origin);
        users(users, y, r, passwords, generated);
        return new Result(addresses, tls);
    }

    private static void number(NutConf.Line l, String key, String unit, YamlText y, Report r) {
        String v = l.value();
        if (v.matches("\\d{1,9}")) {
            y.line("  " + key + ": " + Integer.parseInt(v) + unit + "   # upsd.conf " + l.first());
        } else {
            r.notCarried("upsd.conf", l.number(), l.first() + " '" + v + "' is not a number");
        }
    }

    private static void users(String text, YamlText y, Report r, Supplier<String> passwords,
                              java.util.Map<String, String> generated) {
        if (text == null) {
            if (generated.isEmpty()) {
                r.notCarried("upsd.users", "missing: no NUT users; clients can read but not log in as upsmon");
                return;
            }
            y.line("  users:");
            for (var g : generated.entrySet()) {
                String pw = passwords.get();
                y.line("    " + g.getKey() + ": { password: " + YamlText.q(pw) + ", upsmon: " + g.getValue()
                        + " }   # new: upsd.users was not in the folder");
                r.todo("NUT user '" + g.getKey() + "' has a new password (see nut.users." + g.getKey()
                        + ".password): put it in each client's MONITOR line");
            }
            return;
        }
        NutConf.Sections s = NutConf.sections(text);
        for (NutConf.Line l : s.global()) {
            r.notCarried("upsd.users", l.number(), "'" + String.join(" ", l.words()) + "' is outside any [user] section");
        }
        List<String> lines = new ArrayList<>();
        for (NutConf.Block b : s.blocks().values()) {
            String password = null;
            Set<String> actions = new LinkedHashSet<>();
            Set<String> instcmds = new LinkedHashSet<>();
            String role = null;
            for (NutConf.Line l : b.lines()) {
                String k = l.first().toLowerCase(Locale.ROOT);
                switch (k) {
                    case "password" -> password = l.value();
                    case "actions" -> l.args().forEach(a -> actions.add(a.toUpperCase(Locale.ROOT)));
                    case "instcmds" -> l.args().forEach(c -> instcmds.add(c.equalsIgnoreCase("all") ? "all" : c));
                    case "upsmon" -> {
                        String v = l.value().toLowerCase(Locale.ROOT);
                        role = switch (v) {
                            case "primary", "master" -> "primary";
                            case "secondary", "slave" -> "secondary";
                            default -> {
                                r.notCarried("upsd.users", l.number(), "upsmon '" + l.value()
                                        + "' is neither primary nor secondary");
                                yield null;
                            }
                        };
                    }
                    case "allowfrom" -> r.notCarried("upsd.users", l.number(), "allowfrom: NUT 2.4's host lists; "
                            + "limit who can connect with a firewall or nut.listen");
                    default -> r.notCarried("upsd.users", l.number(), "'" + l.first() + "' is not a upsd.users key");
                }
            }
            actions.removeIf(a -> {
                boolean bad = !a.equals("SET") && !a.equals("FSD");
                if (bad) {
                    r.notCarried("upsd.users", b.line(), "[" + b.name() + "] action '" + a + "' is not SET or FSD");
                }
                return bad;
            });
            if (password == null || password.isEmpty()) {
                r.notCarried("upsd.users", b.line(), "[" + b.name() + "] has no password: upsd never lets it log in");
                continue;
            }
            if (!b.name().matches("[A-Za-z0-9._@-]{1,64}")) {
                r.notCarried("upsd.users", b.line(), "[" + b.name() + "] is not a user name Gridwatch accepts "
                        + "(letters, digits, . _ @ -)");
                continue;
            }
            StringBuilder e = new StringBuilder("    ").append(b.name()).append(": { password: ")
                    .append(YamlText.q(password));
            if (!actions.isEmpty()) {
                e.append(", actions: [").append(String.join(", ", actions)).append(']');
            }
            if (!instcmds.isEmpty()) {
                e.append(", instcmds: ").append(YamlText.list(instcmds));
            }
            if (role != null) {
                e.append(", upsmon: ").append(role);
            }
            lines.add(e.append(" }").toString());
            if (weakPassword(password)) {
                r.weak("NUT user '" + b.name() + "' keeps its password from upsd.users, a well-known or short one "
                        + "(clients such as a Synology NAS are configured with it)",
                        "set a new nut.users." + b.name() + ".password and the same in each client's MONITOR line");
            }
        }
        if (!lines.isEmpty()) {
            y.line("  users:");
            lines.forEach(y::line);
        }
    }

    static boolean weakPassword(String password) {
        return password.length() < 12 || WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT));
    }

    /** {@code host:port} as Gridwatch writes it, IPv6 in brackets; upsd's {@code *} is every address. */
    static String hostPort(String host, String port) {
        String h = host.equals("*") ? "::" : host;
        return (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    static boolean wildcard(String hostPort) {
        return hostPort.startsWith("0.0.0.0:") || hostPort.startsWith("[::]:") || hostPort.startsWith("*:");
    }
}
