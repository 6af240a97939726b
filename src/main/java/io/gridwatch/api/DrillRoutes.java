package io.gridwatch.api;

import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.power.Drills;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/drills}: simulated outages on the UPSes drills apply to: list, start (optionally timed), stop. */
final class DrillRoutes {
    private DrillRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/drills", Access.READ).doc("drills", "The UPSes drills apply to, and the drill on each")
                .response("DrillList").handle(ctx -> ctx.json(list(c)));
        t.post("/api/v1/drills", Access.CONTROL).doc("drills", "Start a drill (simulated outage) on a UPS")
                .request("DrillStart").response("Drill").handle(ctx -> {
                    Body b = Body.of(ctx.body());
                    UpsSnapshot s = c.ups(b.string("ups", Body.MAX_NAME));
                    Duration d = b.optDuration("duration");
                    if (d != null && d.isZero()) {
                        throw ApiException.badRequest("duration", "a drill lasts at least one second");
                    }
                    UpsHub hub = c.site().hub();
                    if (!hub.drillable(s.name())) {
                        throw ApiException.badRequest("ups", "drills apply to sentinel, gpio and command UPSes; '"
                                + s.name() + "' has its own data port");
                    }
                    Instant until = d == null ? null : c.clock().instant().plus(d);
                    if (!new Drills(hub).start(s.name(), ApiContext.by(ctx), until)) {
                        throw ApiException.conflict("a drill is already running on " + s.name());
                    }
                    ctx.status(201).json(view(hub.snapshot(s.name())));
                });
        t.delete("/api/v1/drills/{ups}", Access.CONTROL).doc("drills", "Stop the drill on a UPS").handle(ctx -> {
            UpsSnapshot s = c.ups(ctx.pathParam("ups"));
            if (!new Drills(c.site().hub()).stop(s.name(), ApiContext.by(ctx))) {
                throw ApiException.notFound("no drill is running on " + s.name());
            }
            ctx.status(204);
        });
    }

    static List<Map<String, Object>> list(ApiContext c) {
        UpsHub hub = c.site().hub();
        return hub.snapshots().stream().filter(s -> hub.drillable(s.name())).map(DrillRoutes::view).toList();
    }

    private static Map<String, Object> view(UpsSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ups", s.name().value());
        m.put("drilling", s.drilling());
        m.put("since", s.drill() == null ? null : s.drill().since());
        m.put("by", s.drill() == null ? null : s.drill().by());
        m.put("until", s.drill() == null ? null : s.drill().until());
        return m;
    }
}
