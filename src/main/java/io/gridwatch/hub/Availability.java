package io.gridwatch.hub;

/** Whether a UPS's data may be served right now (upsd's {@code ups_available}). Immutable. */
public enum Availability {
    OK, DATA_STALE, DRIVER_NOT_CONNECTED
}
