package io.gridwatch.config;

import io.gridwatch.config.ConfigNode.ListNode;
import io.gridwatch.config.ConfigNode.Scalar;
import io.gridwatch.config.ConfigNode.ScalarType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parsers from config nodes to values; each throws IllegalArgumentException whose message says what was
 * expected (the caller adds the path, line and what was found). Stateless.
 */
public final class Values {
    private Values() {
    }

    public static String string(ConfigNode n) {
        if (n instanceof Scalar s && s.type() != ScalarType.NULL) {
            return s.text();
        }
        throw new IllegalArgumentException("must be a text value");
    }

    public static int integer(ConfigNode n, int min, int max) {
        String expected = "must be a whole number from " + min + " to " + max;
        if (!(n instanceof Scalar s) || s.type() == ScalarType.NULL) {
            throw new IllegalArgumentException(expected);
        }
        try {
            long v = Long.parseLong(s.text().trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException(expected);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    public static double decimal(ConfigNode n, double min, double max) {
        String expected = "must be a number from " + min + " to " + max;
        if (!(n instanceof Scalar s) || s.type() == ScalarType.NULL) {
            throw new IllegalArgumentException(expected);
        }
        try {
            double v = Double.parseDouble(s.text().trim());
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(expected);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    public static boolean bool(ConfigNode n) {
        if (n instanceof Scalar s) {
            switch (s.text().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> { }
            }
        }
        throw new IllegalArgumentException("must be true or false");
    }

    public static Duration duration(ConfigNode n, Duration min) {
        String expected = "must be a duration like 500ms, 30s, 5m or 2h"
                + (min == null ? "" : ", at least " + Durations.format(min)) + ", at most 3650d";
        if (!(n instanceof Scalar s) || s.type() == ScalarType.NULL) {
            throw new IllegalArgumentException(expected);
        }
        try {
            Duration d = Durations.parse(s.text());
            if (d.isNegative() || (min != null && d.compareTo(min) < 0)) {
                throw new IllegalArgumentException(expected);
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    /** A list of strings; a single string counts as a list of one. */
    public static List<String> strings(ConfigNode n) {
        if (n instanceof Scalar s && s.type() != ScalarType.NULL) {
            return List.of(s.text());
        }
        if (n instanceof ListNode l) {
            List<String> out = new ArrayList<>();
            for (ConfigNode item : l.items()) {
                if (!(item instanceof Scalar s) || s.type() == ScalarType.NULL) {
                    throw new IllegalArgumentException("must be a list of text values; item " + (out.size() + 1)
                            + " is " + item.kind());
                }
                out.add(s.text());
            }
            return out;
        }
        throw new IllegalArgumentException("must be a list of text values");
    }

    public static <E extends Enum<E>> List<String> choices(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return out;
    }

    public static <E extends Enum<E>> E choice(ConfigNode n, Class<E> type) {
        String expected = "must be one of: " + String.join(", ", choices(type));
        if (!(n instanceof Scalar s)) {
            throw new IllegalArgumentException(expected);
        }
        String want = s.text().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(want)) {
                return e;
            }
        }
        throw new IllegalArgumentException(expected);
    }

    public static Path path(ConfigNode n, Path baseDir, boolean mustExist) {
        String text = string(n).trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must be a file path");
        }
        Path p = baseDir == null ? Path.of(text) : baseDir.resolve(text);
        p = p.normalize();
        if (mustExist && !Files.isReadable(p)) {
            throw new IllegalArgumentException("file " + p + " does not exist or cannot be read");
        }
        return p;
    }

    /** The known key closest to a misspelt one (edit distance at most 2, or a case-only difference). */
    public static Optional<String> closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = k.equalsIgnoreCase(key) ? 0 : distance(k, key);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
