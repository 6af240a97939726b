package io.gridwatch.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of notification a channel can be switched on for, with the name used in the config file
 * ({@code events: [power-lost, low-battery]}), the default severity, and the seed's {@code NOTIFY_*} switch each
 * replaces (null where the seed had none). {@link #TEST} is the dashboard's "send test" and cannot be switched.
 */
public enum NotifyType {
    POWER_LOST(Severity.WARNING, "a UPS went on battery (the grid is down)", "NOTIFY_POWER_FAIL"),
    POWER_RESTORED(Severity.INFO, "a UPS is back on line power", "NOTIFY_POWER_RESTORED"),
    LOW_BATTERY(Severity.CRITICAL, "a UPS reports low battery (LB): machines shut down now", null),
    FSD(Severity.CRITICAL, "forced shutdown (FSD) was set on a UPS", null),
    CLIENT_SHUTDOWN(Severity.WARNING, "a protected machine started shutting down", "NOTIFY_CLIENT_SHUTDOWN"),
    CLIENT_SHUTDOWN_FAILED(Severity.CRITICAL, "the server could not shut down a machine that has no agent (SSH)", null),
    CLIENT_STALE(Severity.WARNING, "a protected machine stopped reporting", "NOTIFY_CLIENT_STALE"),
    CLIENT_OFFLINE(Severity.INFO, "a machine that was shutting down went silent (it is off)", null),
    WAKE_SENT(Severity.INFO, "a Wake-on-LAN packet was sent after power came back", null),
    WAKE_FAILED(Severity.WARNING, "a machine did not wake up", null),
    DRILL_STARTED(Severity.INFO, "a drill (simulated outage) started", "NOTIFY_SIMULATION_MODE"),
    DRILL_STOPPED(Severity.INFO, "a drill ended", "NOTIFY_SIMULATION_MODE"),
    COMM_LOST(Severity.WARNING, "Gridwatch lost contact with a UPS (driver down or data stale)", null),
    COMM_RESTORED(Severity.INFO, "contact with a UPS is back", null),
    REPLACE_BATTERY(Severity.WARNING, "a UPS asks for its battery to be replaced (RB)", null),
    APP_ERROR(Severity.CRITICAL, "Gridwatch itself logged an error", "NOTIFY_APP_ERROR"),
    REPORT(Severity.INFO, "the scheduled daily/weekly/monthly report", null),
    TEST(Severity.INFO, "a test sent from the dashboard", null);

    private final Severity severity;
    private final String meaning;
    private final String seedKey;

    NotifyType(Severity severity, String meaning, String seedKey) {
        this.severity = severity;
        this.meaning = meaning;
        this.seedKey = seedKey;
    }

    /** The name in config files and the API: {@code power-lost}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Severity severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }

    /** The power_manager.conf switch this type replaces, or null. */
    public String seedKey() {
        return seedKey;
    }

    public static Optional<NotifyType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    /** The types a channel can be switched on for (all but {@link #TEST}). */
    public static List<NotifyType> switchable() {
        return Arrays.stream(values()).filter(t -> t != TEST).toList();
    }

    /** What a channel gets when its {@code events} are not given: what someone on call wants to hear about. */
    public static List<NotifyType> defaults() {
        return List.of(POWER_LOST, POWER_RESTORED, LOW_BATTERY, FSD, CLIENT_SHUTDOWN, CLIENT_SHUTDOWN_FAILED, CLIENT_STALE,
                WAKE_FAILED,
                COMM_LOST, COMM_RESTORED, REPLACE_BATTERY, APP_ERROR);
    }
}
