package io.gridwatch.api;

import io.gridwatch.config.Durations;
import io.gridwatch.history.EnergyReport;
import io.gridwatch.history.HistoryStore;
import io.gridwatch.history.Tier;
import io.gridwatch.hub.UpsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/ups/{name}/history}: one variable over a range, from the resolution that fits it (raw, minute,
 * hour or day: at most about 1 500 points), as JSON arrays {@code [time ms, min, avg, max]} for charts or as CSV.
 */
final class HistoryRoutes {
    private HistoryRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/ups/{name}/history", Access.READ)
                .doc("history", "One variable's history: var, range (1h, 1d, 7d, 30d, 1y) or from/to (ISO-8601), format=csv")
                .response("History").produces("application/json").produces("text/csv")
                .requiredQuery("var", "string", "the NUT variable, e.g. battery.charge")
                .query("range", "string", "how far back from to: 1h, 1d, 7d, 30d, 1y (default 1h)")
                .query("from", "date-time", "start (instead of range)").query("to", "date-time", "end (default now)")
                .query("tier", "one of: raw, minute, hour, day", "resolution (default: the one that fits the range)")
                .query("format", "one of: json, csv", "csv: a download").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    String var = ctx.queryParam("var");
                    if (var == null || var.isBlank()) {
                        throw ApiException.badRequest("var", "say which variable: var=battery.charge");
                    }
                    Instant to = Query.instant(ctx.queryParam("to"), "to", c.clock().instant());
                    Instant from;
                    if (ctx.queryParam("from") != null) {
                        from = Query.instant(ctx.queryParam("from"), "from", null);
                    } else {
                        from = to.minus(range(ctx.queryParam("range")));
                    }
                    if (!from.isBefore(to)) {
                        throw ApiException.badRequest("from", "from must be before to");
                    }
                    HistoryStore store = c.history();
                    Tier tier = ctx.queryParam("tier") != null ? tier(ctx.queryParam("tier"))
                            : Tier.forRange(Duration.between(from, to), c.site().config().history().interval());
                    List<HistoryStore.Point> points = store.query(s.name().value(), var, from, to, tier);
                    if ("csv".equals(ctx.queryParam("format"))) {
                        StringBuilder csv = new StringBuilder("time,min,avg,max\n");
                        for (HistoryStore.Point p : points) {
                            csv.append(Instant.ofEpochMilli(p.ts())).append(',').append(p.min()).append(',')
                                    .append(p.avg()).append(',').append(p.max()).append('\n');
                        }
                        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
                                "attachment; filename=\"" + s.name().value() + "-" + var + ".csv\"").result(csv.toString());
                        return;
                    }
                    List<double[]> rows = new ArrayList<>(points.size());
                    for (HistoryStore.Point p : points) {
                        rows.add(new double[] {p.ts(), p.min(), p.avg(), p.max()});
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ups", s.name().value());
                    m.put("var", var);
                    m.put("tier", tier.name().toLowerCase(java.util.Locale.ROOT));
                    m.put("from", from.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    m.put("to", to.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    m.put("points", rows);
                    ctx.json(m);
                });
    }

    static void registerEnergy(RouteTable t, ApiContext c) {
        t.get("/api/v1/ups/{name}/energy", Access.READ)
                .doc("history", "Energy, cost and CO2 per hour, day or month (unit, count), with the previous period")
                .response("Energy").query("unit", "one of: hour, day, month", "period length (default day)")
                .query("count", "integer", "how many periods (1-400, default 7)").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    io.gridwatch.history.Energy.Unit unit = Query.choice(ctx.queryParam("unit"), "unit",
                            io.gridwatch.history.Energy.Unit.class, io.gridwatch.history.Energy.Unit.DAY);
                    int count = Math.toIntExact(java.util.Objects.requireNonNullElse(
                            Query.number(ctx.queryParam("count"), "count", 1, 400), 7L));
                    io.gridwatch.history.Energy.Source source = io.gridwatch.history.Energy.Source.of(
                            s.device()::value).orElseThrow(() -> new ApiException(422, "No power readings", "UPS '"
                            + s.name().value() + "' reports neither ups.realpower nor ups.load with "
                            + "ups.realpower.nominal (set battery.nominal_power for a UPS without a data port)", null, null));
                    var config = c.site().config();
                    EnergyReport r = EnergyReport.of(c.history(), s.name().value(), source, unit, count,
                            c.clock().instant(), config.site().zone(), config.history(), config.energy());
                    ctx.json(energyView(s.name().value(), r, config.energy().currency()));
                });
    }

    /** The periods the dashboard offers, label to query, in order. */
    static final Map<String, String> REPORT_PERIODS = reportPeriods();

    private static Map<String, String> reportPeriods() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Today", "today");
        m.put("Last 24 h", "24h");
        m.put("Last 7 days", "7d");
        m.put("Last 30 days", "30d");
        m.put("Yesterday", "day");
        m.put("Last week", "week");
        m.put("Last month", "month");
        return m;
    }

    static void registerReports(RouteTable t, ApiContext c) {
        t.get("/api/v1/ups/{name}/report", Access.READ)
                .doc("history", "A report as one HTML page: period today, 24h, 7d, 30d (up to now), day, week, month "
                        + "(the last complete one), or from and to")
                .produces("text/html")
                .query("period", "one of: today, 24h, 7d, 30d, day, week, month", "the period (default today)")
                .query("from", "date-time", "start of a custom period (with to)")
                .query("to", "date-time", "end of a custom period (with from)").handle(ctx -> {
                    UpsSnapshot s = c.ups(ctx.pathParam("name"));
                    java.time.ZoneId zone = c.site().config().site().zone();
                    Instant now = c.clock().instant();
                    Instant from;
                    Instant to;
                    String title;
                    if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
                        from = Query.instant(ctx.queryParam("from"), "from", null);
                        to = Query.instant(ctx.queryParam("to"), "to", null);
                        if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(400)) > 0) {
                            throw ApiException.badRequest("from", "from must be before to, at most 400 days apart");
                        }
                        title = "Report";
                    } else {
                        String period = java.util.Objects.requireNonNullElse(ctx.queryParam("period"), "today");
                        ZonedSpan w = span(period, now, zone);
                        from = w.from();
                        to = w.to();
                        title = w.title();
                    }
                    Map<String, String> links = new LinkedHashMap<>();
                    REPORT_PERIODS.forEach((label, p) -> links.put(label, "?period=" + p));
                    String html = io.gridwatch.history.Report.html(c.history(), io.gridwatch.history.Report.Subject.of(s),
                            from, to, title, now, zone, c.site().config().history().interval(),
                            c.site().config().energy(), "/css/report.css", links);
                    ctx.contentType("text/html; charset=utf-8").header("Content-Disposition", "inline; filename=\""
                            + s.name().value() + "-report.html\"").result(html);
                });
    }

    private record ZonedSpan(Instant from, Instant to, String title) {
    }

    private static ZonedSpan span(String period, Instant now, java.time.ZoneId zone) {
        return switch (period) {
            case "today" -> new ZonedSpan(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(), now, "Today");
            case "24h" -> new ZonedSpan(now.minus(Duration.ofHours(24)), now, "Last 24 hours");
            case "7d" -> new ZonedSpan(now.minus(Duration.ofDays(7)), now, "Last 7 days");
            case "30d" -> new ZonedSpan(now.minus(Duration.ofDays(30)), now, "Last 30 days");
            case "day", "week", "month" -> {
                io.gridwatch.history.Report.Span sp = io.gridwatch.history.Report.Span.valueOf(
                        period.toUpperCase(java.util.Locale.ROOT));
                Instant[] w = io.gridwatch.history.Report.window(sp, now, zone);
                yield new ZonedSpan(w[0], w[1], switch (sp) {
                    case DAY -> "Yesterday";
                    case WEEK -> "The last 7 complete days";
                    case MONTH -> "The last complete month";
                });
            }
            default -> throw ApiException.badRequest("period", "period must be today, 24h, 7d, 30d, day, week or month");
        };
    }

    private static Map<String, Object> energyView(String ups, EnergyReport r, String currency) {
        List<Map<String, Object>> periods = new ArrayList<>();
        for (io.gridwatch.history.Energy.Period p : r.periods()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", p.start());
            m.put("kwh", round(p.kwh()));
            m.put("cost", round(p.cost()));
            m.put("co2_kg", round(p.co2Kg()));
            m.put("coverage", round(p.coverage()));
            periods.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ups", ups);
        m.put("unit", r.unit().name().toLowerCase(java.util.Locale.ROOT));
        m.put("source", r.source().describe());
        m.put("currency", currency);
        m.put("periods", periods);
        m.put("total", totals(r.total()));
        m.put("previous", totals(r.previous()));
        m.put("change_percent", r.changePercent() == null ? null : round(r.changePercent()));
        return m;
    }

    private static Map<String, Object> totals(EnergyReport.Totals t) {
        return Map.of("kwh", round(t.kwh()), "cost", round(t.cost()), "co2_kg", round(t.co2Kg()));
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static Duration range(String text) {
        if (text == null) {
            return Duration.ofHours(1);
        }
        String r = text.trim();
        try {
            return r.endsWith("y") ? Duration.ofDays(365 * Long.parseLong(r.substring(0, r.length() - 1)))
                    : Durations.parse(r);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("range", "range must be a duration like 1h, 1d, 30d or 1y (got '" + Problems.quote(text) + "')");
        }
    }


    private static Tier tier(String text) {
        for (Tier t : Tier.values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw ApiException.badRequest("tier", "tier must be raw, minute, hour or day");
    }
}
