package io.gridwatch.hub;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of a UPS as clients address it ({@code name@host}). NUT compares UPS names without regard to
 * case, so equality here does too; {@link #value()} keeps the spelling of the configuration. Immutable.
 */
public final class UpsName implements Comparable<UpsName> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final String value;
    private final String key;

    private UpsName(String value) {
        this.value = value;
        this.key = value.toLowerCase(Locale.ROOT);
    }

    /** A name as configured; throws IllegalArgumentException with the rule when it is not valid. */
    public static UpsName of(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid UPS name '" + value
                    + "': use 1-64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit");
        }
        return new UpsName(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public String value() {
        return value;
    }

    /** The lower-case lookup key. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpsName other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(UpsName o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return value;
    }
}
