package io.gridwatch.hub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value may be written to a variable, in upsd 2.8.0's order of checks: read-only, then too long for a
 * string, then not one of the ENUM values, then outside every RANGE. Shared by the NUT server and the HTTP API so
 * both refuse the same values. Stateless.
 */
public final class ValueCheck {
    private static final Pattern LEADING_INTEGER = Pattern.compile("\\s*([+-]?\\d+)");

    /** Why a value is refused. */
    public enum Problem { READ_ONLY, TOO_LONG, NOT_IN_ENUM, OUT_OF_RANGE }

    private ValueCheck() {
    }

    /** Why {@code value} may not be written to {@code v}, or null when it may. */
    public static Problem check(Variable v, String value) {
        if (!v.writable()) {
            return Problem.READ_ONLY;
        }
        if (v.type() instanceof VarType.Text t && value.length() > t.maxLength()) {
            return Problem.TOO_LONG;
        }
        if (!v.enumValues().isEmpty() && !v.enumValues().contains(value)) {
            return Problem.NOT_IN_ENUM;
        }
        if (!v.ranges().isEmpty() && !inRange(v, value)) {
            return Problem.OUT_OF_RANGE;
        }
        return null;
    }

    /** Like upsd's atoi-based check, except that a value with no number at all is refused, not read as 0. */
    private static boolean inRange(Variable v, String value) {
        Matcher m = LEADING_INTEGER.matcher(value);
        if (!m.lookingAt()) {
            return false;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        for (Range r : v.ranges()) {
            if (r.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
