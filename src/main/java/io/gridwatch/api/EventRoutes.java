package io.gridwatch.api;

import io.gridwatch.journal.EventJournal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** {@code /api/v1/events}: the site's recent events, newest first, paged and filtered. */
final class EventRoutes {
    private EventRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/events", Access.READ)
                .doc("events", "Recent events, newest first; filter by ups, type, level; page with before and limit")
                .query("ups", "string", "only this UPS's events").query("type", "string", "only this type (fsd, status...)")
                .query("level", "one of: info, warning", "only this level")
                .query("before", "integer", "only events with a smaller id (the page's next)")
                .query("limit", "integer", "at most this many (1-500, default 50)")
                .response("EventPage").handle(ctx -> {
                    String ups = ctx.queryParam("ups");
                    String type = ctx.queryParam("type");
                    String level = ctx.queryParam("level");
                    if (level != null && !level.equals("info") && !level.equals("warning")) {
                        throw ApiException.badRequest("level", "level must be info or warning");
                    }
                    Long before = Query.number(ctx.queryParam("before"), "before", 1, Long.MAX_VALUE);
                    Long limit = Query.number(ctx.queryParam("limit"), "limit", 1, 500);
                    Predicate<EventJournal.Entry> filter = e -> (ups == null || ups.equalsIgnoreCase(e.ups()))
                            && (type == null || type.equals(e.type()))
                            && (level == null || level.equals(e.level().name().toLowerCase(Locale.ROOT)));
                    EventJournal.Page p = c.site().journal().page(filter, before, limit == null ? 50 : limit.intValue());
                    Map<String, Object> page = new LinkedHashMap<>();
                    page.put("items", p.items().stream().map(EventRoutes::view).toList());
                    page.put("next", p.next());
                    ctx.json(page);
                });
    }

    /** The archive in the history database: events across restarts, acknowledgement, CSV export. */
    static void registerArchive(RouteTable t, ApiContext c) {
        t.get("/api/v1/events/archive", Access.READ)
                .doc("events", "Archived events (across restarts), newest first; ups, type, level, from, to, before, "
                        + "limit; format=csv").response("EventPage").produces("application/json").produces("text/csv")
                .query("ups", "string", "only this UPS's events").query("type", "string", "only this type")
                .query("level", "one of: info, warning", "only this level")
                .query("from", "date-time", "from this time (ISO 8601)").query("to", "date-time", "before this time")
                .query("before", "integer", "only events with a smaller id (the page's next)")
                .query("limit", "integer", "at most this many (1-500; CSV up to 100 000)")
                .query("format", "one of: json, csv", "csv: a download").handle(ctx -> archive(ctx, c));
        t.post("/api/v1/events/archive/ack", Access.CONTROL)
                .doc("events", "Acknowledge many archived events at once ({\"ids\": [...]}, at most 500)")
                .request("AckMany").response("AckResult").handle(ctx -> {
                    Body b = Body.of(ctx.body());
                    if (!b.has("ids") || !b.node().get("ids").isArray() || b.node().get("ids").isEmpty()
                            || b.node().get("ids").size() > 500) {
                        throw ApiException.badRequest("ids", "'ids' must be a list of 1 to 500 event ids");
                    }
                    var store = c.history().events();
                    java.util.List<Long> done = new java.util.ArrayList<>();
                    java.util.List<Long> already = new java.util.ArrayList<>();
                    java.time.Instant now = c.clock().instant();
                    for (var n : b.node().get("ids")) {
                        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) {
                            throw ApiException.badRequest("ids", "'ids' must be a list of event ids (whole numbers)");
                        }
                        (store.ack(n.asLong(), ApiContext.by(ctx), now) ? done : already).add(n.asLong());
                    }
                    ctx.json(Map.of("acknowledged", done, "unchanged", already));
                });
        t.post("/api/v1/events/archive/{id}/ack", Access.CONTROL)
                .doc("events", "Acknowledge an archived event").response("ArchivedEvent").handle(ctx -> {
                    Long id = Query.number(ctx.pathParam("id"), "id", 1, Long.MAX_VALUE);
                    var store = c.history().events();
                    if (!store.ack(id, ApiContext.by(ctx), c.clock().instant())) {
                        var found = store.get(id).orElseThrow(() -> ApiException.notFound("no archived event " + id));
                        throw ApiException.conflict("event " + id + " was already acknowledged by " + found.ackedBy());
                    }
                    var e = store.get(id).orElseThrow();
                    ctx.json(archived(e));
                });
    }

    /** A page of the archive as the query asks (JSON with the next page's id, or a CSV download). */
    private static void archive(io.javalin.http.Context ctx, ApiContext c) throws java.sql.SQLException {
        String level = ctx.queryParam("level");
        if (level != null && !level.equals("info") && !level.equals("warning")) {
            throw ApiException.badRequest("level", "level must be info or warning");
        }
        java.time.Instant to = Query.instant(ctx.queryParam("to"), "to", c.clock().instant().plusSeconds(1));
        java.time.Instant from = Query.instant(ctx.queryParam("from"), "from", java.time.Instant.EPOCH);
        Long before = Query.number(ctx.queryParam("before"), "before", 1, Long.MAX_VALUE);
        boolean csv = "csv".equals(ctx.queryParam("format"));
        Long limit = Query.number(ctx.queryParam("limit"), "limit", 1, csv ? 100_000 : 500);
        int n = limit == null ? (csv ? 100_000 : 50) : limit.intValue();
        var items = c.history().events().find(ctx.queryParam("ups"), ctx.queryParam("type"), level, from, to, before,
                n + 1);
        Long next = items.size() > n ? items.get(n - 1).id() : null;
        items = items.subList(0, Math.min(n, items.size()));
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"gridwatch-events.csv\"").result(csv(items));
            return;
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items.stream().map(EventRoutes::archived).toList());
        page.put("next", next);
        ctx.json(page);
    }

    /** Archived events as CSV, a header line first; a cell with a comma, quote or line break is quoted. */
    static String csv(java.util.List<io.gridwatch.history.EventArchive.ArchivedEvent> items) {
        StringBuilder sb = new StringBuilder("id,time,ups,type,level,message,acknowledged_at,acknowledged_by\n");
        for (var e : items) {
            sb.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.ups())).append(',')
                    .append(cell(e.type())).append(',').append(e.level()).append(',').append(cell(e.message()))
                    .append(',').append(e.ackedAt() == null ? "" : e.ackedAt().toString()).append(',')
                    .append(cell(e.ackedBy())).append('\n');
        }
        return sb.toString();
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }


    static Map<String, Object> archived(io.gridwatch.history.EventArchive.ArchivedEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("ups", e.ups());
        m.put("type", e.type());
        m.put("level", e.level());
        m.put("message", e.message());
        m.put("details", e.details());
        m.put("acknowledged_at", e.ackedAt());
        m.put("acknowledged_by", e.ackedBy());
        return m;
    }

    static Map<String, Object> view(EventJournal.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("ups", e.ups());
        m.put("type", e.type());
        m.put("level", e.level().name().toLowerCase(Locale.ROOT));
        m.put("message", e.message());
        m.put("details", e.details());
        return m;
    }
}
