package io.gridwatch.api.auth;

import java.util.Locale;

/**
 * What an API token may do: {@code read} everything a viewer sees; {@code control} also commands, drills and
 * wake-ups; {@code admin} everything, configuration and users included; {@code client} only what a protected
 * machine needs (its settings, the UPS state, its reports): the scope for agents and the seed project's clients.
 */
public enum Scope {
    READ, CONTROL, ADMIN, CLIENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope for its name, or null. */
    public static Scope of(String text) {
        for (Scope s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
