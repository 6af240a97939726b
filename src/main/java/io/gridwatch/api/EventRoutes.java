package io.gridwatch.api;

import io.gridwatch.hub.EventJournal;
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
                .response("EventPage").handle(ctx -> {
                    String ups = ctx.queryParam("ups");
                    String type = ctx.queryParam("type");
                    String level = ctx.queryParam("level");
                    if (level != null && !level.equals("info") && !level.equals("warning")) {
                        throw ApiException.badRequest("level", "level must be info or warning");
                    }
                    Long before = number(ctx.queryParam("before"), "before", 1, Long.MAX_VALUE);
                    Long limit = number(ctx.queryParam("limit"), "limit", 1, 500);
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

    private static Long number(String text, String name, long min, long max) {
        if (text == null) {
            return null;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
