package io.gridwatch.config;

import io.gridwatch.history.HistorySettings;
import io.gridwatch.history.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Binds {@code history:}: database, sampling interval, variables, retention per tier. Stateless. */
final class HistoryBinder {
    private HistoryBinder() {
    }

    static HistorySettings bind(Section h, Path dataDir) {
        boolean enabled = h.bool("enabled", true, "Keep history (samples, rollups) at all.");
        String def = "jdbc:sqlite:" + (dataDir == null ? Path.of("gridwatch-data") : dataDir).resolve("history.db");
        String url = h.value("url", null, "JDBC URL", "Where history is kept: jdbc:sqlite:FILE (default: history.db in "
                + "the data folder) or jdbc:postgresql://host:5432/db.", n -> {
                    String u = Values.string(n);
                    if (!u.startsWith("jdbc:sqlite:") && !u.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("must be a jdbc:sqlite: or jdbc:postgresql: URL");
                    }
                    return u;
                });
        String user = h.string("user", null, "Database user (PostgreSQL).");
        String password = h.string("password", null, "Database password (PostgreSQL).");
        Duration interval = h.duration("interval", Duration.ofSeconds(5), Duration.ofSeconds(1),
                "How often every UPS's variables are sampled.");
        List<String> vars = h.strings("variables", HistorySettings.DEFAULT_VARIABLES,
                "The NUT variables sampled (numeric ones).");
        Section keep = h.section("keep", "How long each resolution is kept.");
        Map<Tier, Duration> retention = new EnumMap<>(Tier.class);
        retention.put(Tier.RAW, keep.duration("raw", Duration.ofDays(7), Duration.ofHours(1), "Raw samples."));
        retention.put(Tier.MINUTE, keep.duration("minute", Duration.ofDays(90), Duration.ofDays(1),
                "Minute aggregates (min, avg, max)."));
        retention.put(Tier.HOUR, keep.duration("hour", Duration.ofDays(730), Duration.ofDays(1), "Hour aggregates."));
        retention.put(Tier.DAY, keep.duration("day", Duration.ofDays(3650), Duration.ofDays(1), "Day aggregates."));
        keep.finish();
        h.finish();
        return new HistorySettings(enabled, url == null ? def : url, user, password, interval, vars, retention);
    }

    static io.gridwatch.history.EnergySettings energy(Section e) {
        double price = e.value("price_per_kwh", 0.0, "number", "What a kWh costs (0: no cost figures).",
                n -> Values.decimal(n, 0, 1000));
        String currency = e.string("currency", "EUR", "Shown with costs.");
        double co2 = e.value("co2_kg_per_kwh", 0.0, "number", "CO2 per kWh in kg (your grid's factor; 0: none).",
                n -> Values.decimal(n, 0, 10));
        List<io.gridwatch.history.EnergySettings.Tariff> tariffs = new java.util.ArrayList<>();
        for (Map.Entry<String, Section> t : e.named("tariffs", "Time-of-day prices, by a name you choose; outside "
                + "them price_per_kwh applies.").entrySet()) {
            Section s = t.getValue();
            java.time.LocalTime from = s.value("from", null, "HH:MM", "Start (site time).", HistoryBinder::time);
            java.time.LocalTime to = s.value("to", null, "HH:MM", "End; before from means the next day.",
                    HistoryBinder::time);
            double p = s.value("price_per_kwh", 0.0, "number", "The price in this window.", n -> Values.decimal(n, 0, 1000));
            s.finish();
            if (!s.documenting()) {
                if (from == null || to == null) {
                    s.problem(from == null ? "from" : "to", "missing: a tariff needs from and to (HH:MM)");
                } else {
                    tariffs.add(new io.gridwatch.history.EnergySettings.Tariff(t.getKey(), from, to, p));
                }
            }
        }
        e.finish();
        return new io.gridwatch.history.EnergySettings(price, currency, tariffs, co2);
    }

    private static java.time.LocalTime time(ConfigNode n) {
        try {
            return java.time.LocalTime.parse(Values.string(n));
        } catch (java.time.format.DateTimeParseException ex) {
            throw new IllegalArgumentException("must be a time like 07:00");
        }
    }
}
