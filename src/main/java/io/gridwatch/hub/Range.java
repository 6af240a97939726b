package io.gridwatch.hub;

/** An inclusive range of allowed values of a numeric RW variable ({@code LIST RANGE}). Immutable. */
public record Range(long min, long max) {
    public Range {
        if (min > max) {
            throw new IllegalArgumentException("range minimum " + min + " is above its maximum " + max);
        }
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }
}
