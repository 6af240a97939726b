package io.gridwatch.api;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.UpsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/sentinels}: every mains sensor (sentinel host, GPIO line, command) of every UPS, with its state. */
final class SentinelRoutes {
    private SentinelRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/sentinels", Access.READ).doc("sentinels", "Every sentinel and mains sensor, up or down, with RTT")
                .response("SentinelList").handle(ctx -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (UpsSnapshot s : c.site().hub().snapshots()) {
                        for (SensorStatus x : s.sensors()) {
                            Map<String, Object> m = new java.util.LinkedHashMap<>(Views.sensor(x));
                            m.put("ups", s.name().value());
                            out.add(m);
                        }
                    }
                    ctx.json(out);
                });
    }
}
