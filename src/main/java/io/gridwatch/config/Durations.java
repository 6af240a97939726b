package io.gridwatch.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 7d}, combinations like {@code 1h30m}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
 * Stateless.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)");

    private Durations() {
    }

    /** The longest duration any setting accepts: longer ones are typing mistakes, and overflow clocks. */
    public static final Duration MAX = Duration.ofDays(3650);

    public static Duration parse(String text) {
        Duration d = parseAny(text);
        if (d.isNegative() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a duration of at most 3650d");
        }
        return d;
    }

    private static Duration parseAny(String text) {
        if (text.length() > 64) {
            throw new IllegalArgumentException(text.substring(0, 64));
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(text);
            }
        }
        Matcher m = PART.matcher(t.replace(" ", ""));
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException(text);
            }
            end = m.end();
            double n = Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            if (n > MAX.toNanos() || nanos + n > MAX.toNanos()) {
                throw new IllegalArgumentException("a duration of at most 3650d");
            }
            nanos += (long) n;
        }
        if (end == 0 || end != t.replace(" ", "").length()) {
            throw new IllegalArgumentException(text);
        }
        return Duration.ofNanos(nanos);
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> 7 * 86400e9;
        };
    }

    /** The shortest of these forms that is exact, e.g. {@code 90s} becomes {@code 90s}, 3600 s {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
