package io.gridwatch.hub;

import java.util.Locale;
import java.util.Optional;

/**
 * The words of {@code ups.status} that Gridwatch reasons about (NUT {@code docs/nut-names.txt}, "ups.status").
 * Immutable.
 */
public enum StatusFlag {
    /** On line (mains power). */
    OL,
    /** On battery. */
    OB,
    /** Low battery. */
    LB,
    /** High battery. */
    HB,
    /** The battery needs replacing. */
    RB,
    /** Charging. */
    CHRG,
    /** Discharging. */
    DISCHRG,
    /** On bypass. */
    BYPASS,
    /** Runtime calibration. */
    CAL,
    /** Offline (the UPS is off). */
    OFF,
    /** Overloaded. */
    OVER,
    /** Trimming incoming voltage. */
    TRIM,
    /** Boosting incoming voltage. */
    BOOST,
    /** Forced shutdown (set by a primary upsmon or an admin). */
    FSD,
    /** An alarm is active (see {@code ups.alarm}). */
    ALARM,
    /** A test is running. */
    TEST;

    public static Optional<StatusFlag> parse(String word) {
        try {
            return Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
