package io.gridwatch.protocol;

/**
 * The commands of NUT network protocol 1.3, as in upsd's verb table (NUT {@code server/netcmds.h}).
 * {@link #requiresUser()} marks the verbs upsd refuses with {@code USERNAME-REQUIRED} before even looking at
 * their arguments. {@link #UNKNOWN} stands for anything else. Immutable.
 */
public enum Verb {
    VER(false), NETVER(false), PROTVER(false), HELP(false), STARTTLS(false),
    LIST(false), GET(false), USERNAME(false), PASSWORD(false), LOGOUT(false),
    LOGIN(true), PRIMARY(true), MASTER(true), FSD(true), SET(true), INSTCMD(true),
    UNKNOWN(false);

    private final boolean requiresUser;

    Verb(boolean requiresUser) {
        this.requiresUser = requiresUser;
    }

    public boolean requiresUser() {
        return requiresUser;
    }

    private static final Verb[] KNOWN = values();

    /** Case-insensitive lookup, as upsd's strcasecmp. */
    public static Verb of(String word) {
        for (Verb v : KNOWN) {
            if (v != UNKNOWN && v.name().equalsIgnoreCase(word)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
