package io.gridwatch.api.auth;

import java.util.Locale;

/** A dashboard user's role: admin may change anything, viewer only looks. */
public enum Role {
    ADMIN, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for its name, or null. */
    public static Role of(String text) {
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return r;
            }
        }
        return null;
    }
}
