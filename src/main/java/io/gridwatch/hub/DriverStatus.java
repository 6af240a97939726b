package io.gridwatch.hub;

/** How a UPS's driver is doing, as upsd sees its driver connection. Immutable. */
public enum DriverStatus {
    /** Not started yet, or failed to start: clients get DRIVER-NOT-CONNECTED. */
    NOT_CONNECTED,
    /** Running and its data are current. */
    OK,
    /** Running but it cannot reach the UPS, or it stopped updating: clients get DATA-STALE. */
    STALE
}
