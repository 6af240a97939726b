package io.gridwatch.cli;

import io.gridwatch.client.NutException;
import io.gridwatch.protocol.NutError;

/** Error texts for NUT error tokens, worded as NUT's own client tools print them. Stateless. */
final class NutErrors {
    private NutErrors() {
    }

    static String describe(NutException e) {
        if (e.error() == null) {
            return "Invalid response from server: " + e.reply();
        }
        return switch (e.error()) {
            case VAR_NOT_SUPPORTED -> "Variable not supported by UPS";
            case UNKNOWN_UPS -> "Unknown UPS";
            case ACCESS_DENIED -> "Access denied";
            case PASSWORD_REQUIRED -> "Password required";
            case INVALID_PASSWORD -> "Invalid password";
            case USERNAME_REQUIRED -> "Username required";
            case INVALID_USERNAME -> "Invalid username";
            case ALREADY_LOGGED_IN -> "Already logged in";
            case ALREADY_SET_USERNAME -> "Already set username";
            case ALREADY_SET_PASSWORD -> "Already set password";
            case UNKNOWN_COMMAND -> "Unknown command";
            case DATA_STALE -> "Data stale";
            case DRIVER_NOT_CONNECTED -> "Driver not connected";
            case FEATURE_NOT_SUPPORTED -> "Feature not supported";
            case FEATURE_NOT_CONFIGURED -> "Feature not configured";
            case CMD_NOT_SUPPORTED -> "Command not supported";
            case INSTCMD_FAILED -> "Instant command failed";
            case SET_FAILED -> "Set failed";
            case READONLY -> "Read-only variable";
            case TOO_LONG -> "Value too long";
            case INVALID_VALUE -> "Invalid value";
            case INVALID_ARGUMENT -> "Invalid argument";
            case ALREADY_SSL_MODE -> "Already in TLS mode";
            case UNKNOWN -> "Unknown error";
            case FAILED -> "Failed";
        };
    }

    static boolean is(NutException e, NutError error) {
        return e.error() == error;
    }
}
