package io.gridwatch.power;

/**
 * What a UPS without a data port is doing, as the power model decides it: the typed decision, turned into NUT's
 * {@code ups.status} tokens only where a NUT variable is made.
 */
public enum PowerStatus {
    /** On grid power, the battery full. */
    ONLINE("OL"),
    /** On grid power, the battery recharging. */
    CHARGING("OL CHRG"),
    /** On battery (an outage or a drill). */
    ON_BATTERY("OB DISCHRG"),
    /** On battery, and the battery low: clients shut down now. */
    LOW_BATTERY("OB DISCHRG LB");

    private final String nut;

    PowerStatus(String nut) {
        this.nut = nut;
    }

    /** The {@code ups.status} value: {@code OL}, {@code OL CHRG}, {@code OB DISCHRG} or {@code OB DISCHRG LB}. */
    public String nut() {
        return nut;
    }

    public boolean onBattery() {
        return this == ON_BATTERY || this == LOW_BATTERY;
    }
}
