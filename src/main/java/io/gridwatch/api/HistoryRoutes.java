package io.gridwatch.api;

import io.gridwatch.config.Durations;
import io.gridwatch.history.HistoryStore;
import io.gridwatch.history.Tier;
import io.gridwatch.hub.UpsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
                .doc("history", "One variable's history: var, range (1h, 1d, 30d, 1y) or from/to (ISO-8601), format=csv")
                .response("History").handle(ctx -> {
                    UpsSnapshot s = c.site().hub().find(ctx.pathParam("name")).orElseThrow(() ->
                            ApiException.notFound("no UPS '" + ctx.pathParam("name") + "'"));
                    String var = ctx.queryParam("var");
                    if (var == null || var.isBlank()) {
                        throw ApiException.badRequest("var", "say which variable: var=battery.charge");
                    }
                    Instant to = instant(ctx.queryParam("to"), "to", c.clock().instant());
                    Instant from;
                    if (ctx.queryParam("from") != null) {
                        from = instant(ctx.queryParam("from"), "from", null);
                    } else {
                        from = to.minus(range(ctx.queryParam("range")));
                    }
                    if (!from.isBefore(to)) {
                        throw ApiException.badRequest("from", "from must be before to");
                    }
                    HistoryStore store = c.site().history().orElseThrow(() -> new ApiException(503,
                            "History unavailable", "history is disabled, still opening, or its database cannot be "
                            + "reached (the server's log says which)", null, null));
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

    private static Duration range(String text) {
        if (text == null) {
            return Duration.ofHours(1);
        }
        String r = text.trim();
        try {
            return r.endsWith("y") ? Duration.ofDays(365 * Long.parseLong(r.substring(0, r.length() - 1)))
                    : Durations.parse(r);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("range", "range must be a duration like 1h, 1d, 30d or 1y (got '" + text + "')");
        }
    }

    private static Instant instant(String text, String field, Instant def) {
        if (text == null) {
            if (def == null) {
                throw ApiException.badRequest(field, field + " is required");
            }
            return def;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 time like 2026-11-21T10:00:00Z");
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
