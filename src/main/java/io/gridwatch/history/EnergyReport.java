package io.gridwatch.history;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A UPS's energy, cost and CO₂ over the last {@code count} hours, days or months (the current one included),
 * each period on its own, with the totals and those of the same span just before, for comparison. Minute buckets
 * are used while the whole span is within their retention, else hour buckets.
 *
 * @param periods  the periods of the span that have readings, oldest first
 * @param total    the span's totals
 * @param previous the totals of the span of the same length just before
 */
public record EnergyReport(Energy.Unit unit, Energy.Source source, List<Energy.Period> periods, Totals total,
                           Totals previous) {
    /** Sums over a span. */
    public record Totals(double kwh, double cost, double co2Kg) {
    }

    /** How the span's energy compares with the span before, in %; null when there was none before. */
    public Double changePercent() {
        return previous.kwh() > 0 ? (total.kwh() - previous.kwh()) / previous.kwh() * 100 : null;
    }

    /** Reads {@code ups}'s buckets of {@code source}'s variable and sums them as of {@code now}. */
    public static EnergyReport of(HistoryStore store, String ups, Energy.Source source, Energy.Unit unit, int count,
                                  Instant now, ZoneId zone, HistorySettings history, EnergySettings prices)
            throws SQLException {
        ZonedDateTime current = now.atZone(zone);
        Instant end = Energy.end(Energy.start(current, unit).atZone(zone), unit);
        Instant start = back(Energy.start(current, unit), unit, count - 1, zone);
        Instant before = back(start, unit, count, zone);
        Tier tier = before.isBefore(now.minus(history.retention().get(Tier.MINUTE))) ? Tier.HOUR : Tier.MINUTE;
        List<Energy.Period> all = Energy.periods(store.buckets(ups, source.var(), before, end, tier), tier.bucket(),
                source.nominalW(), history.interval(), unit, zone, prices);
        List<Energy.Period> periods = new ArrayList<>();
        double[] cur = new double[3];
        double[] prev = new double[3];
        for (Energy.Period p : all) {
            boolean earlier = p.start().isBefore(start);
            double[] into = earlier ? prev : cur;
            into[0] += p.kwh();
            into[1] += p.cost();
            into[2] += p.co2Kg();
            if (!earlier) {
                periods.add(p);
            }
        }
        return new EnergyReport(unit, source, List.copyOf(periods), new Totals(cur[0], cur[1], cur[2]),
                new Totals(prev[0], prev[1], prev[2]));
    }

    /** The start of the period {@code n} periods before the one starting at {@code start}. */
    private static Instant back(Instant start, Energy.Unit unit, int n, ZoneId zone) {
        ZonedDateTime z = start.atZone(zone);
        return switch (unit) {
            case HOUR -> z.minusHours(n).toInstant();
            case DAY -> z.toLocalDate().minusDays(n).atStartOfDay(zone).toInstant();
            case MONTH -> z.toLocalDate().minusMonths(n).atStartOfDay(zone).toInstant();
        };
    }
}
