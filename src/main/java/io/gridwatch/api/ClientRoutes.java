package io.gridwatch.api;

import io.gridwatch.config.HostConfig;
import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsName;
import java.time.Instant;

/**
 * {@code /api/v1/clients}: what every protected machine last reported (agents report here; the seed clients
 * through {@code /status}), with stale and offline marks, and the report route itself.
 */
final class ClientRoutes {
    private ClientRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/clients", Access.READ).doc("clients", "The last report of every machine, stale and offline marked")
                .response("ClientList").handle(ctx -> {
                    Instant now = c.clock().instant();
                    ctx.json(c.site().clients().all().stream()
                            .map(x -> Views.client(x, now, c.http().staleAfter(), c.http().offlineAfter())).toList());
                });
        t.get("/api/v1/clients/unconfigured", Access.ADMIN)
                .doc("clients", "Machines reporting through POST /status from an address no host has (at most "
                        + io.gridwatch.clients.UnknownReporters.CAPACITY + ", most recent first): add them as hosts")
                .response("UnconfiguredList").handle(ctx -> ctx.json(c.strangers().all().stream().map(r -> {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("address", r.address());
                    m.put("state", r.state().wire());
                    m.put("remaining_seconds", r.remainingSeconds());
                    m.put("shutdown_delay", r.shutdownDelay());
                    m.put("first_seen", r.firstSeen());
                    m.put("last_seen", r.lastSeen());
                    m.put("reports", r.reports());
                    m.put("reported_from", r.from());
                    return m;
                }).toList()));
        t.get("/api/v1/clients/{host}/settings", Access.CLIENT)
                .doc("clients", "A protected machine's settings (agents): its UPS, shutdown delay, drills")
                .response("ClientSettings").handle(ctx -> {
                    HostConfig h = HostRoutes.hostFor(c, ctx, ctx.pathParam("host"));
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("host", h.name());
                    m.put("ups", h.ups());
                    m.put("shutdown_delay", h.shutdownDelay() == null ? null : h.shutdownDelay().toSeconds());
                    m.put("ignore_drills", h.ignoreDrills());
                    ctx.json(m);
                });
        t.post("/api/v1/clients/{host}/report", Access.CLIENT)
                .doc("clients", "A protected machine reports its state (agents)").request("ClientReport")
                .response("Client").handle(ctx -> {
                    HostConfig h = HostRoutes.hostFor(c, ctx, ctx.pathParam("host"));
                    Body b = Body.of(ctx.body());
                    ClientState.State state = ClientState.State.ofWire(b.string("status"));
                    if (state == null || state.ordinal() > ClientState.State.SHUTTING_DOWN.ordinal()) {
                        throw ApiException.badRequest("status", "status must be online, shutdown_pending or shutting_down");
                    }
                    Integer remaining = b.optInt("remaining_seconds", 0, Integer.MAX_VALUE);
                    if (state == ClientState.State.SHUTDOWN_PENDING && remaining == null) {
                        throw ApiException.badRequest("remaining_seconds", "a shutdown_pending report needs "
                                + "remaining_seconds");
                    }
                    Integer delay = b.optInt("shutdown_delay", 0, 31_536_000);
                    String note = b.optString("note", 500);
                    ClientState s = c.site().clients().report(UpsName.of(h.ups()), new ClientState(h.name(), ctx.ip(),
                            state, remaining, delay, c.clock().instant(), "agent", true, note));
                    ctx.json(Views.client(s, s.at(), c.http().staleAfter(), c.http().offlineAfter()));
                });
    }
}
