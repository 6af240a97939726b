package io.gridwatch.config;

import io.gridwatch.driver.dummy.DummySettings;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.VarType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds and checks the {@code ups:} section: one entry per UPS, each with its driver's settings. Stateless. */
final class UpsBinder {
    static final List<String> DRIVERS = List.of("nut", "dummy", "sentinel", "gpio", "command");

    private UpsBinder() {
    }

    private static io.gridwatch.power.SelfTest selfTest(Section t) {
        String day = t.string("day", "sunday", "monday ... sunday, or everyday.");
        java.time.LocalTime time = t.value("time", null, "HH:MM", "When (site time zone); without it, no self-test.",
                n -> {
                    try {
                        return java.time.LocalTime.parse(Values.string(n));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("must be a time like 03:00");
                    }
                });
        String command = t.string("command", "test.battery.start.quick", "The instant command that starts the test.");
        t.finish();
        if (time == null || t.documenting()) {
            return null;
        }
        java.time.DayOfWeek dow = null;
        if (!"everyday".equalsIgnoreCase(day)) {
            try {
                dow = java.time.DayOfWeek.valueOf(day.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                t.problem("day", "must be monday ... sunday or everyday (got '" + day + "')");
                return null;
            }
        }
        return new io.gridwatch.power.SelfTest(dow, time, command);
    }

    /** {@code driver: nut}: the upstream UPS, credentials, poll interval. */
    private static UpsConfig.Proxy proxy(Section u) {
        io.gridwatch.client.UpsAddress up = u.value("upstream", null, "ups@host[:port]", "driver nut: the UPS on "
                + "another upsd (NUT's own drivers: USB, serial, SNMP) to mirror, as upsc spells it. Required.",
                n -> io.gridwatch.client.UpsAddress.parse(Values.string(n), true));
        String user = u.string("user", null, "driver nut: upsd user to log in as (needed to relay SET VAR and "
                + "INSTCMD: actions = SET, instcmds = ALL in its upsd.users).");
        String password = u.string("password", null, "driver nut: that user's password.");
        java.time.Duration poll = u.duration("poll", java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(100),
                "driver nut: how often the upstream is read (one LIST VAR).");
        java.time.Duration timeout = u.duration("timeout", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(100), "driver nut: connecting to and answers from the upstream.");
        io.gridwatch.driver.proxy.ProxySettings.Tls tls = u.choice("tls", io.gridwatch.driver.proxy.ProxySettings.Tls.TRY,
                io.gridwatch.driver.proxy.ProxySettings.Tls.class, "driver nut: STARTTLS to the upstream: off, try "
                        + "(when offered, as upsc does) or require.");
        java.nio.file.Path ca = u.path("cafile", null, true, "driver nut: verify the upstream's certificate against "
                + "this PEM CA file (without it the connection is encrypted but the certificate is not checked, as upsc).");
        if (u.documenting()) {
            return null;
        }
        if (up == null && !u.has("upstream")) {
            u.problem("upstream", "missing: say which UPS to mirror (ups@host:port)");
        }
        if (user != null && password == null) {
            u.problem("password", "missing: the upstream user needs its password");
        }
        return up == null ? null : new UpsConfig.Proxy(new io.gridwatch.driver.proxy.ProxySettings(up.ups(),
                up.host(), up.port(), user, password, poll, timeout, tls, ca));
    }

    static List<UpsConfig> bind(Section root) {
        List<UpsConfig> out = new ArrayList<>();
        Map<String, Section> entries = root.named("ups", "The UPSes this server knows, by name.");
        for (Map.Entry<String, Section> e : entries.entrySet()) {
            Section u = e.getValue();
            String name = e.getKey();
            String description = u.string("description", null, "Shown by LIST UPS and upsc -L.");
            String driver = u.string("driver", null, "Where the power state comes from: " + String.join(", ", DRIVERS)
                    + ". Required.");
            UpsConfig.DriverSpec spec = null;
            if (u.documenting()) {
                proxy(u);
                dummy(u);
                MainsBinder.bind("sentinel", u);
                MainsBinder.bind("gpio", u);
                MainsBinder.bind("command", u);
            } else if ("nut".equals(driver)) {
                spec = proxy(u);
            } else if ("dummy".equals(driver)) {
                spec = new UpsConfig.Dummy(dummy(u));
            } else if (driver == null) {
                u.problem("driver", "missing: say which driver feeds this UPS (" + String.join(", ", DRIVERS) + ")");
            } else if (DRIVERS.contains(driver)) {
                spec = MainsBinder.bind(driver, u);
            } else {
                u.problem("driver", "unknown driver '" + driver + "': use one of " + String.join(", ", DRIVERS));
            }
            io.gridwatch.power.SelfTest selfTest = selfTest(u.section("self_test", "A scheduled battery self-test (INSTCMD), "
                    + "e.g. { day: sunday, time: \"03:00\" }; its result shows in the report's battery health."));
            u.finish();
            if (!name.equals(Section.NAME_PLACEHOLDER) && !UpsName.isValid(name)) {
                u.problem("UPS name '" + name + "': use 1-64 letters, digits, '.', '_', '+' or '-'");
                continue;
            }
            if (spec != null && !name.equals(Section.NAME_PLACEHOLDER)) {
                out.add(new UpsConfig(UpsName.of(name), description, spec, selfTest));
            }
        }
        if (entries.isEmpty() && !root.documenting()) {
            root.problem("ups", "no UPS configured: add an entry under 'ups:' (see docs/configuration.md)");
        }
        if (out.stream().map(UpsConfig::name).distinct().count() != out.size()) {
            root.problem("ups", "two UPS names differ only in case; NUT clients could not tell them apart");
        }
        return out;
    }

    private static DummySettings dummy(Section u) {
        Path file = u.requiredPath("file", true,
                "driver dummy: a NUT dummy-ups .dev or .seq file, relative to this config file.");
        DummySettings.Mode mode = u.choice("mode", DummySettings.Mode.AUTO, DummySettings.Mode.class,
                "driver dummy: play TIMER steps once, in a loop, or by extension (auto: .seq loops).");
        Duration poll = u.duration("pollinterval", Duration.ofSeconds(2), Duration.ofMillis(100),
                "driver dummy: how often the file is checked for changes and sequences advance.");
        List<String> commands = u.strings("commands", List.of(),
                "driver dummy: instant commands offered (simulated) besides load.off.");
        for (String c : commands) {
            if (!c.matches("[A-Za-z0-9._-]+")) {
                u.problem("commands", "'" + c + "' is not an instant command name");
            }
        }
        Map<String, DummySettings.VarSpec> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Section> v : u.named("variables",
                "driver dummy: declared variables (type, ENUM, RANGE), beyond what dummy-ups offers.").entrySet()) {
            vars.put(v.getKey(), varSpec(v.getValue()));
        }
        return new DummySettings(file == null ? Path.of("missing.dev") : file, mode, poll, vars, commands);
    }

    private static DummySettings.VarSpec varSpec(Section v) {
        String type = v.string("type", null, "number or string (default: as dummy-ups types it).");
        int length = v.integer("length", 32, 1, 1024, "Most characters of a string variable.");
        boolean writable = v.bool("writable", true, "Whether clients may SET it.");
        List<String> enumValues = v.strings("enum", List.of(), "Allowed values (LIST ENUM).");
        List<Range> ranges = v.value("range", List.of(), "list of min-max", "Allowed numeric ranges (LIST RANGE).",
                UpsBinder::ranges);
        String initial = v.string("value", null, "Value when the file does not set it.");
        v.finish();
        VarType t = null;
        if ("string".equalsIgnoreCase(type)) {
            t = new VarType.Text(length);
        } else if ("number".equalsIgnoreCase(type)) {
            t = VarType.NUMBER;
        } else if (type != null) {
            v.problem("type", "must be number or string (got '" + type + "')");
        }
        if (initial != null && !enumValues.isEmpty() && !enumValues.contains(initial)) {
            v.problem("value", "'" + initial + "' is not one of the enum values " + enumValues);
        }
        return new DummySettings.VarSpec(t, writable, enumValues, ranges, initial);
    }

    /** {@code "250-270"} strings or {@code [250, 270]} pairs. */
    private static List<Range> ranges(ConfigNode n) {
        List<Range> out = new ArrayList<>();
        List<ConfigNode> items = n instanceof ConfigNode.ListNode l ? l.items() : List.of(n);
        for (ConfigNode item : items) {
            try {
                if (item instanceof ConfigNode.ListNode pair && pair.items().size() == 2) {
                    out.add(new Range(Long.parseLong(Values.string(pair.items().get(0)).trim()),
                            Long.parseLong(Values.string(pair.items().get(1)).trim())));
                } else {
                    String[] p = Values.string(item).trim().split("\\s*-\\s*(?=[+-]?\\d)", 2);
                    out.add(new Range(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim())));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("must be ranges like \"250-270\" or [250, 270], minimum first");
            }
        }
        return out;
    }
}
