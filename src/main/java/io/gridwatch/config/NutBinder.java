package io.gridwatch.config;

import io.gridwatch.server.VarDescriptions;
import io.gridwatch.server.NutUser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Binds and checks the {@code nut:} section (listener, limits, TLS, users). Stateless. */
final class NutBinder {
    static final String DEFAULT_SERVER_INFO =
            "Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/ (Gridwatch " + Version.current() + ")";

    private NutBinder() {
    }

    static NutConfig bind(Section nut) {
        List<InetSocketAddress> listen = nut.value("listen", List.of(loopback4(), loopback6()), "list of host:port",
                "Addresses the NUT server listens on (TCP). [::]:3493 takes IPv4 and IPv6.",
                n -> Values.strings(n).stream().map(s -> Addressing.listen(
                        new ConfigNode.Scalar(s, ConfigNode.ScalarType.STRING, n.line()))).toList());
        int maxconn = nut.integer("maxconn", 1024, 1, 1_000_000,
                "Most NUT connections served at once (upsd's MAXCONN); later ones are closed at once.");
        Duration idle = nut.duration("idle_timeout", Duration.ofSeconds(60), Duration.ofSeconds(1),
                "A NUT client that sends nothing for this long is disconnected, as upsd does.");
        Duration maxAge = nut.duration("maxage", Duration.ofSeconds(15), Duration.ofSeconds(1),
                "Data a driver has not refreshed for this long are stale: clients get DATA-STALE (upsd's MAXAGE).");
        String release = nut.string("fsd_release", "30s",
                "How long a UPS must be back on line after an outage before its FSD latch is released, so that "
                        + "machines powering up are not told to shut down again; 'never' keeps it until restart, as upsd.");
        Duration fsdRelease = parseRelease(nut, release);
        NutConfig.TlsFiles tls = tls(nut.section("tls", "STARTTLS: PEM certificate and key. Absent: no TLS."));
        java.util.Map<String, Path> generate = new java.util.LinkedHashMap<>();
        List<NutUser> users = users(nut, generate);
        String info = nut.string("server_info", DEFAULT_SERVER_INFO, "What VER and server.info answer.");
        Path cmdvartab = nut.path("cmdvartab", VarDescriptions.NUT_CMDVARTAB, false,
                "NUT's variable description table, read when present (GET DESC); else built-in descriptions.");
        int loops = nut.integer("event_loops", 0, 0, 256,
                "Threads serving NUT connections; 0: one per two CPUs (at least one), leaving the rest to drivers.");
        if (loops == 0) {
            loops = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
        int backlog = nut.integer("accept_backlog", 1024, 16, 65535, "TCP accept queue length (upsd uses 16).");
        Boolean advertise = nut.value("advertise", null, "auto, true or false", "Announce this server on the LAN "
                + "by mDNS/DNS-SD as _nut._tcp (agents and other NUT clients find it); auto: when it listens on more "
                + "than loopback. On the interfaces it listens on.", n -> switch (Values.string(n).toLowerCase(Locale.ROOT)) {
                    case "auto" -> null;
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("must be auto, true or false");
                });
        nut.finish();
        return new NutConfig(listen, maxconn, idle, maxAge, fsdRelease, tls, users, info, cmdvartab, loops, backlog,
                advertise, generate);
    }

    private static Duration parseRelease(Section nut, String release) {
        if (release == null || release.equalsIgnoreCase("never")) {
            return null;
        }
        try {
            return Durations.parse(release);
        } catch (RuntimeException e) {
            nut.problem("fsd_release", "must be a duration like 30s, or 'never' (got '" + release + "')");
            return Duration.ofSeconds(30);
        }
    }

    private static NutConfig.TlsFiles tls(Section tls) {
        if (tls.keys().isEmpty()) {
            tls.path("certificate", null, true, "PEM certificate chain for STARTTLS.");
            tls.path("key", null, true, "PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC); may be in the certificate file.");
            tls.finish();
            return null;
        }
        Path cert = tls.requiredPath("certificate", true, "PEM certificate chain for STARTTLS.");
        Path key = tls.path("key", null, true,
                "PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC); may be in the certificate file.");
        tls.finish();
        return cert == null ? null : new NutConfig.TlsFiles(cert, key);
    }

    /** The longest password file read: a password, not a document. */
    static final int MAX_PASSWORD_FILE = 4096;

    private static List<NutUser> users(Section nut, Map<String, Path> generate) {
        List<NutUser> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : nut.named("users", "NUT users, as in upsd.users.").entrySet()) {
            Section u = e.getValue();
            String password = u.string("password", null, "The user's password (or password_file).");
            Path file = u.path("password_file", null, false, "A file holding the user's password (its first line). "
                    + "Missing: 'gridwatch server' generates one into it on start, readable by the service only, and "
                    + "prints it once (the packaged configuration's monuser).");
            if (!u.documenting()) {
                if (password != null && file != null) {
                    u.problem("password_file", "give password or password_file, not both");
                } else if (password == null && file == null) {
                    u.problem("password", "missing: give password or password_file");
                } else if (file != null) {
                    if (Files.isRegularFile(file)) {
                        password = readPassword(u, file);
                    } else if (Files.exists(file)) {
                        u.problem("password_file", file + " is not a file");
                    } else {
                        generate.put(e.getKey(), file);
                    }
                }
            }
            List<String> actions = u.strings("actions", List.of(), "Allowed actions: SET, FSD.");
            List<String> instcmds = u.strings("instcmds", List.of(), "Allowed instant commands, or 'all'.");
            String upsmon = u.string("upsmon", null, "upsmon role: primary (or master) or secondary (or slave).");
            u.finish();
            if (!e.getKey().equals(Section.NAME_PLACEHOLDER) && !e.getKey().matches("[A-Za-z0-9._@-]{1,64}")) {
                u.problem("user name '" + e.getKey() + "' may only use letters, digits, '.', '_', '@', '-'");
            }
            if (password != null && password.isEmpty()) {
                u.problem(file != null ? "password_file" : "password", "must not be empty");
            }
            out.add(new NutUser(e.getKey(), password == null ? "" : password, actions(u, actions),
                    lower(instcmds), role(u, upsmon)));
        }
        return out;
    }

    private static String readPassword(Section u, Path file) {
        try {
            if (Files.size(file) > MAX_PASSWORD_FILE) {
                u.problem("password_file", file + " is larger than " + MAX_PASSWORD_FILE + " bytes: not a password");
                return null;
            }
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return (nl >= 0 ? text.substring(0, nl) : text).strip();
        } catch (java.io.IOException e) {
            u.problem("password_file", "cannot be read: " + io.gridwatch.files.FileErrors.describe(e));
            return null;
        }
    }

    private static Set<NutUser.Action> actions(Section u, List<String> names) {
        Set<NutUser.Action> set = EnumSet.noneOf(NutUser.Action.class);
        for (String a : names) {
            switch (a.toUpperCase(Locale.ROOT)) {
                case "SET" -> set.add(NutUser.Action.SET);
                case "FSD" -> set.add(NutUser.Action.FSD);
                case "LOGIN" -> set.add(NutUser.Action.LOGIN);
                case "PRIMARY", "MASTER" -> set.add(NutUser.Action.PRIMARY);
                default -> u.problem("actions", "unknown action '" + a + "': use SET or FSD");
            }
        }
        return set;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static NutUser.Role role(Section u, String upsmon) {
        if (upsmon == null) {
            return NutUser.Role.NONE;
        }
        return switch (upsmon.toLowerCase(Locale.ROOT)) {
            case "primary", "master" -> NutUser.Role.PRIMARY;
            case "secondary", "slave" -> NutUser.Role.SECONDARY;
            default -> {
                u.problem("upsmon", "must be primary or secondary (got '" + upsmon + "')");
                yield NutUser.Role.NONE;
            }
        };
    }

    private static InetSocketAddress loopback4() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 3493);
    }

    private static InetSocketAddress loopback6() {
        try {
            return new InetSocketAddress(InetAddress.getByName("::1"), 3493);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
