package io.gridwatch.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Query and path parameters read one way everywhere: a bad value is a 400 problem naming the parameter and what it
 * must be, never a default taken in silence. Stateless.
 */
final class Query {
    private Query() {
    }

    /** An ISO-8601 time; {@code def} when absent ({@code def} null: the parameter is required). */
    static Instant instant(String text, String name, Instant def) {
        if (text == null) {
            if (def == null) {
                throw ApiException.badRequest(name, name + " is required");
            }
            return def;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, name + " must be an ISO-8601 time like 2026-11-21T10:00:00Z");
        }
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    static Long number(String text, String name, long min, long max) {
        if (text == null) {
            return null;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** One of {@code type}'s constants, named in any case; {@code def} when absent. */
    static <E extends Enum<E>> E choice(String text, String name, Class<E> type, E def) {
        if (text == null) {
            return def;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw ApiException.badRequest(name, "'" + name + "' must be one of: " + names);
    }
}
