package io.gridwatch.api;

/** Registers every route of the server, in the order the OpenAPI document lists them. */
final class ApiRoutes {
    private ApiRoutes() {
    }

    static void register(RouteTable t, ApiContext c, Streams streams) {
        SessionRoutes.register(t, c);
        UpsRoutes.register(t, c);
        HistoryRoutes.register(t, c);
        HistoryRoutes.registerEnergy(t, c);
        HistoryRoutes.registerReports(t, c);
        DrillRoutes.register(t, c);
        ScheduleRoutes.register(t, c);
        HostRoutes.register(t, c);
        ClientRoutes.register(t, c);
        SentinelRoutes.register(t, c);
        EventRoutes.register(t, c);
        EventRoutes.registerArchive(t, c);
        ConfigRoutes.register(t, c);
        UserRoutes.register(t, c);
        TokenRoutes.register(t, c);
        MetaRoutes.register(t, c);
        t.get("/api/v1/stream", Access.READ).doc("stream", "Server-Sent Events: hello, then ups, client and event")
                .produces("text/event-stream").stream(streams::open);
        SeedRoutes.register(t, c);
        MetricsRoutes.register(t, c);
        NotifyRoutes.register(t, c);
        OpsRoutes.register(t, c);
        PeanutRoutes.register(t, c);
    }
}
