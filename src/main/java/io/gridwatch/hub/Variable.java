package io.gridwatch.hub;

import java.util.List;

/**
 * One NUT variable of a UPS: value plus what a client may do with it (RW flag, type, ENUM values, RANGEs).
 * Immutable.
 */
public record Variable(String name, String value, boolean writable, VarType type,
                       List<String> enumValues, List<Range> ranges) {

    public Variable {
        enumValues = List.copyOf(enumValues);
        ranges = List.copyOf(ranges);
    }

    /** A read-only number-typed variable, what most driver readings are. */
    public static Variable readOnly(String name, String value) {
        return new Variable(name, value, false, VarType.NUMBER, List.of(), List.of());
    }

    public Variable withValue(String newValue) {
        return new Variable(name, newValue, writable, type, enumValues, ranges);
    }
}
