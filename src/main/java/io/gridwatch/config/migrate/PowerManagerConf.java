package io.gridwatch.config.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The config file of UPS_Server_Docker ({@code power_manager.conf}), parsed: shell-like {@code KEY=value}
 * lines with {@code #} comments and optional quotes, global keys first, then {@code [WAKE_HOST_n]} and
 * {@code [SCHEDULE_n]} sections. Other sections are kept aside with their line number, to be reported.
 * Immutable once parsed.
 */
public record PowerManagerConf(Map<String, String> global, Map<String, Map<String, String>> hosts,
                               Map<String, Map<String, String>> schedules, List<Skipped> ignored,
                               Map<String, Integer> lines) {
    /** A line that was not read, and why. */
    public record Skipped(int line, String what) {
    }

    /** The line a global key ({@code KEY}) or a section's key ({@code SECTION.KEY}) was read from; 0 if absent. */
    public int line(String key) {
        return lines.getOrDefault(key, 0);
    }


    public static PowerManagerConf parse(String text) {
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        Map<String, Map<String, String>> schedules = new LinkedHashMap<>();
        List<Skipped> ignored = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, String> current = global;
        String prefix = "";
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String section = line.substring(1, line.length() - 1).strip().toUpperCase(Locale.ROOT);
                if (section.matches("WAKE_HOST_\\w+")) {
                    current = hosts.computeIfAbsent(section, k -> new LinkedHashMap<>());
                    prefix = section + ".";
                } else if (section.matches("SCHEDULE_\\w+")) {
                    current = schedules.computeIfAbsent(section, k -> new LinkedHashMap<>());
                    prefix = section + ".";
                } else {
                    ignored.add(new Skipped(n, "section [" + section + "] is not one UPS_Server_Docker reads either; "
                            + "ignored with its keys"));
                    current = new LinkedHashMap<>();
                    prefix = "?";
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                ignored.add(new Skipped(n, "not KEY=value (nor a comment or a [section]); ignored"));
                continue;
            }
            String key = line.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            current.put(key, unquote(line.substring(eq + 1).strip()));
            lines.put(prefix + key, n);
        }
        return new PowerManagerConf(global, hosts, schedules, ignored, lines);
    }

    private static String unquote(String v) {
        String s = v;
        int hash = s.startsWith("\"") || s.startsWith("'") ? -1 : s.indexOf(" #");
        if (hash >= 0) {
            s = s.substring(0, hash).strip();
        }
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The seed's booleans: the strings true/false in any case; anything else gives {@code orElse}. */
    public static boolean bool(String value, boolean orElse) {
        if (value == null) {
            return orElse;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> orElse;
        };
    }
}
