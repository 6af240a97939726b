package io.gridwatch.history;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code history:} section: where (a JDBC URL: SQLite file by default, or PostgreSQL), how often, which
 * variables, and how long each tier is kept. Immutable; the password is never printed.
 */
public record HistorySettings(boolean enabled, String url, String user, String password, Duration interval,
                              List<String> variables, Map<Tier, Duration> retention) {
    public HistorySettings {
        variables = List.copyOf(variables);
        retention = Map.copyOf(retention);
    }

    /** The variables sampled by default: what a UPS's history is read for. */
    public static final List<String> DEFAULT_VARIABLES = List.of("battery.charge", "battery.runtime",
            "battery.voltage", "input.voltage", "input.frequency", "output.voltage", "output.frequency", "ups.load",
            "ups.realpower", "ups.power", "ups.temperature", "battery.temperature");

    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }
}
