package io.gridwatch.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Energy from power: each bucket's average power (W; minute buckets, or hour buckets beyond the minutes' retention)
 * times the time its readings cover (readings × sample interval, at most the bucket), summed into hours, days or months in the site's time zone;
 * cost at the price in force at that minute (tariffs), CO₂ by a factor. Pure: the buckets come in, the totals go
 * out. When a UPS has no real power reading, the caller passes load buckets and the nominal power, and each
 * bucket's power is load % × nominal.
 */
public final class Energy {
    /** One period's totals. */
    public record Period(Instant start, double kwh, double cost, double co2Kg, double coverage) {
    }

    public enum Unit { HOUR, DAY, MONTH }

    /**
     * Where a UPS's power comes from: {@code ups.realpower} in W, or {@code ups.load} in % of a nominal power
     * ({@code nominalW}, from {@code ups.realpower.nominal}).
     */
    public record Source(String var, Double nominalW) {
        /** The source a UPS with these variables offers, if any. */
        public static java.util.Optional<Source> of(java.util.function.Function<String, String> variables) {
            if (variables.apply("ups.realpower") != null) {
                return java.util.Optional.of(new Source("ups.realpower", null));
            }
            if (variables.apply("ups.load") != null) {
                try {
                    String n = variables.apply("ups.realpower.nominal");
                    return n == null ? java.util.Optional.empty()
                            : java.util.Optional.of(new Source("ups.load", Double.parseDouble(n.trim())));
                } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.empty();
        }

        public String describe() {
            return nominalW == null ? var : "ups.load x ups.realpower.nominal";
        }
    }

    private Energy() {
    }

    /**
     * @param buckets     buckets of power in W (or load in % when {@code nominalW} is not null)
     * @param bucket      their length (a minute or an hour)
     * @param nominalW    the UPS's nominal real power when the buckets are load, else null
     * @param interval    the sample interval (how much of a minute one reading covers)
     */
    public static List<Period> periods(List<HistoryStore.Bucket> buckets, Duration bucket, Double nominalW,
                                       Duration interval, Unit unit, ZoneId zone, EnergySettings prices) {
        Map<Instant, double[]> sums = new TreeMap<>(); // start -> kwh, cost, covered seconds
        for (HistoryStore.Bucket b : buckets) {
            double watts = nominalW == null ? b.avg() : b.avg() / 100.0 * nominalW;
            double seconds = Math.min(bucket.toSeconds(), b.n() * (double) interval.toSeconds());
            double kwh = watts * seconds / 3600.0 / 1000.0;
            ZonedDateTime t = Instant.ofEpochMilli(b.ts()).atZone(zone);
            double[] s = sums.computeIfAbsent(start(t, unit), k -> new double[3]);
            s[0] += kwh;
            s[1] += kwh * prices.priceAt(t.toLocalTime());
            s[2] += seconds;
        }
        List<Period> out = new ArrayList<>();
        for (Map.Entry<Instant, double[]> e : sums.entrySet()) {
            double span = Duration.between(e.getKey(), end(e.getKey().atZone(zone), unit)).toSeconds();
            double[] s = e.getValue();
            out.add(new Period(e.getKey(), s[0], s[1], s[0] * prices.co2KgPerKwh(), Math.min(1.0, s[2] / span)));
        }
        return out;
    }

    /** The start of the period holding {@code t}. */
    public static Instant start(ZonedDateTime t, Unit unit) {
        return switch (unit) {
            case HOUR -> t.withMinute(0).withSecond(0).withNano(0).toInstant();
            case DAY -> t.toLocalDate().atStartOfDay(t.getZone()).toInstant();
            case MONTH -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay(t.getZone()).toInstant();
        };
    }

    /** The end of the period starting at {@code start}. */
    public static Instant end(ZonedDateTime start, Unit unit) {
        return switch (unit) {
            case HOUR -> start.plusHours(1).toInstant();
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone()).toInstant();
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone()).toInstant();
        };
    }
}
