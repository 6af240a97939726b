package io.gridwatch.hub;

/**
 * The type of a NUT variable as {@code GET TYPE} reports it: a number, or a string with a maximum length.
 * Immutable.
 */
public sealed interface VarType {

    /** NUMBER: also what upsd reports for a variable without type flags. */
    record Number() implements VarType {
    }

    /** STRING:n, at most {@code maxLength} characters. */
    record Text(int maxLength) implements VarType {
        public Text {
            if (maxLength < 1) {
                throw new IllegalArgumentException("string length must be positive: " + maxLength);
            }
        }
    }

    VarType NUMBER = new Number();
}
