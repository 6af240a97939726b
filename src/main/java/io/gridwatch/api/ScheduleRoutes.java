package io.gridwatch.api;

import io.gridwatch.power.Schedule;
import io.gridwatch.power.ScheduleEvaluator;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/schedules}: drill schedules as written in the configuration file (one-time or weekly, a time
 * and an action or a start/stop window), each with when it fires next; created, changed and removed through the
 * file, in force at once.
 */
final class ScheduleRoutes {
    static final Set<String> FIELDS = Set.of("ups", "date", "day", "time", "action", "start", "stop", "enabled");

    private ScheduleRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/schedules", Access.READ).doc("schedules", "Drill schedules, with their next firing")
                .response("ScheduleList").handle(ctx -> ctx.json(list(c)));
        t.put("/api/v1/schedules/{name}", Access.ADMIN).doc("schedules", "Create or replace a drill schedule")
                .request("ScheduleSettings").response("ConfigApplied").handle(ctx -> {
                    String name = ctx.pathParam("name");
                    ObjectNode entry = Body.of(ctx.body()).entry(FIELDS, (field, v) -> v);
                    boolean exists = ConfigEdits.section(c, "schedules").has(name);
                    Site.Applied a = ConfigEdits.editSection(c, "schedules", name, sec -> sec.set(name, entry),
                            ApiContext.by(ctx));
                    ctx.status(exists ? 200 : 201).json(ConfigEdits.applied(a));
                });
        t.delete("/api/v1/schedules/{name}", Access.ADMIN).doc("schedules", "Remove a drill schedule")
                .response("ConfigApplied").handle(ctx -> {
                    String name = ctx.pathParam("name");
                    if (!ConfigEdits.section(c, "schedules").has(name)) {
                        throw ApiException.notFound("no schedule '" + Problems.quote(name) + "'");
                    }
                    ctx.json(ConfigEdits.applied(ConfigEdits.editSection(c, "schedules", null,
                            sec -> sec.remove(name), ApiContext.by(ctx))));
                });
    }

    static List<Map<String, Object>> list(ApiContext c) {
        ObjectNode written = ConfigEdits.section(c, "schedules");
        List<Schedule> running = c.site().config().site().schedules();
        ZoneId zone = c.site().config().site().zone();
        Instant now = c.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : written.properties()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey());
            m.put("settings", e.getValue());
            Instant next = null;
            for (Schedule s : running) {
                if (s.name().equals(e.getKey()) || s.name().startsWith(e.getKey() + "/")) {
                    Instant n = ScheduleEvaluator.next(s, now, zone).orElse(null);
                    next = n != null && (next == null || n.isBefore(next)) ? n : next;
                }
            }
            m.put("next", next);
            m.put("timezone", zone.getId());
            out.add(m);
        }
        return out;
    }
}
