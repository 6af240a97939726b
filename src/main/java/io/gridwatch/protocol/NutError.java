package io.gridwatch.protocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The error tokens of the NUT network protocol, spelled exactly as upsd sends them after {@code ERR }
 * (NUT {@code server/neterr.h}; {@code UNKNOWN} and {@code FAILED} are the tracking results of
 * {@code GET TRACKING}). Nothing is ever thrown across the wire: a handler answers with one of these.
 * Immutable; safe from any thread.
 */
public enum NutError {
    ACCESS_DENIED("ACCESS-DENIED"),
    UNKNOWN_UPS("UNKNOWN-UPS"),
    VAR_NOT_SUPPORTED("VAR-NOT-SUPPORTED"),
    CMD_NOT_SUPPORTED("CMD-NOT-SUPPORTED"),
    INVALID_ARGUMENT("INVALID-ARGUMENT"),
    INSTCMD_FAILED("INSTCMD-FAILED"),
    SET_FAILED("SET-FAILED"),
    READONLY("READONLY"),
    TOO_LONG("TOO-LONG"),
    FEATURE_NOT_SUPPORTED("FEATURE-NOT-SUPPORTED"),
    FEATURE_NOT_CONFIGURED("FEATURE-NOT-CONFIGURED"),
    ALREADY_SSL_MODE("ALREADY-SSL-MODE"),
    DRIVER_NOT_CONNECTED("DRIVER-NOT-CONNECTED"),
    DATA_STALE("DATA-STALE"),
    ALREADY_LOGGED_IN("ALREADY-LOGGED-IN"),
    INVALID_PASSWORD("INVALID-PASSWORD"),
    ALREADY_SET_PASSWORD("ALREADY-SET-PASSWORD"),
    INVALID_USERNAME("INVALID-USERNAME"),
    ALREADY_SET_USERNAME("ALREADY-SET-USERNAME"),
    USERNAME_REQUIRED("USERNAME-REQUIRED"),
    PASSWORD_REQUIRED("PASSWORD-REQUIRED"),
    UNKNOWN_COMMAND("UNKNOWN-COMMAND"),
    INVALID_VALUE("INVALID-VALUE"),
    /** Tracking result: the driver did not know the command or variable. */
    UNKNOWN("UNKNOWN"),
    /** Tracking result: the driver tried and failed. */
    FAILED("FAILED");

    private static final Map<String, NutError> BY_TOKEN = new HashMap<>();

    static {
        for (NutError e : values()) {
            BY_TOKEN.put(e.token, e);
        }
    }

    private final String token;

    NutError(String token) {
        this.token = token;
    }

    /** The token as it appears on the wire, e.g. {@code ACCESS-DENIED}. */
    public String token() {
        return token;
    }

    /** The whole reply line without its terminating LF, e.g. {@code ERR ACCESS-DENIED}. */
    public String line() {
        return "ERR " + token;
    }

    /** Looks a wire token up; the protocol's tokens are upper case, but peers are forgiven their case. */
    public static Optional<NutError> fromToken(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token.toUpperCase(Locale.ROOT)));
    }
}
