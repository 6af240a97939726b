package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.guard.LoginGuard;
import io.gridwatch.api.auth.Sessions;
import io.gridwatch.config.HttpConfig;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.UpsSnapshot;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What route handlers share: the site, users and sessions, the HTTP settings, the clock, the look-up of hosts by
 * address and the machines that report without being configured; and small helpers every
 * handler needs (find a UPS or 404, name the caller for the event log, wait for a driver's answer). Immutable.
 */
record ApiContext(Site site, AuthStore auth, Sessions sessions, LoginGuard limiter, boolean https, Clock clock,
                  HostAddresses addresses, io.gridwatch.clients.UnknownReporters strangers) {

    /** The HTTP settings in force (client report ageing can change while running). */
    HttpConfig http() {
        return site.config().http();
    }

    /** The history store, or 503 naming why there is none (disabled, still opening, unreachable). */
    io.gridwatch.history.HistoryStore history() {
        return site.history().orElseThrow(() -> new ApiException(503, "History unavailable", "history (charts, energy, "
                + "reports, the event archive) is disabled, still opening, or its database cannot be reached (the "
                + "server's log says which)", null, null));
    }

    UpsSnapshot ups(String name) {
        return site.hub().find(name).orElseThrow(() -> ApiException.notFound("no UPS '" + Problems.quote(name) + "'"));
    }

    /** The caller as events name it: {@code alice@192.0.2.7 (web)}. */
    static String by(Context ctx) {
        Principal p = Authenticator.principal(ctx);
        return (p == null ? "anonymous" : p.name()) + "@" + ctx.ip() + " (web)";
    }

    /**
     * Answers with a driver's verdict once it comes (at most 15 s): 200 and {@code {"result": "SUCCESS"}}, or a 409
     * problem carrying the NUT result when the driver refused.
     */
    static void answer(Context ctx, CompletableFuture<CommandResult> result, Map<String, Object> what) {
        ctx.future(() -> result.orTimeout(15, TimeUnit.SECONDS).handle((r, ex) -> {
            CommandResult outcome = ex != null ? null : r;
            Map<String, Object> body = new LinkedHashMap<>(what);
            body.put("result", outcome == null ? "TIMEOUT" : outcome.name());
            body.put("tracking", outcome == null ? "PENDING" : outcome.trackingLine());
            if (outcome == CommandResult.SUCCESS) {
                ctx.json(body);
            } else {
                ctx.status(409).contentType("application/problem+json").json(Problems.body(409, "Not done",
                        outcome == null ? "the driver did not answer within 15 s"
                                : "the driver answered " + outcome.trackingLine(), null, body));
            }
            return null;
        }));
    }
}
