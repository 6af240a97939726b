package io.gridwatch.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Operations: {@code /healthz} (the process answers: for a supervisor's liveness check), {@code /readyz} (the NUT
 * server listens and every UPS has fresh data: for a load balancer or monitoring; 503 with the reasons when not),
 * and log levels changed at runtime (back to the defaults at the next start).
 */
final class OpsRoutes {
    private OpsRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/healthz", Access.PUBLIC)
                .doc("operations", "Liveness: 200 when NUT answers, no event loop is stuck and the heap has room; "
                        + "else 503 with why (a supervisor restarts the process)")
                .response("Health").handle(ctx -> {
                    List<String> problems = c.site().livenessProblems();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", problems.isEmpty() ? "ok" : "failing");
                    m.put("problems", problems);
                    ctx.status(problems.isEmpty() ? 200 : 503).json(m);
                });
        t.get("/readyz", Access.PUBLIC)
                .doc("operations", "Readiness: 200 when alive, every UPS has fresh data and history and the event "
                        + "archive write, else 503 with why")
                .response("Health").handle(ctx -> {
                    List<String> problems = new ArrayList<>(c.site().readinessProblems());
                    for (UpsSnapshot s : c.site().hub().snapshots()) {
                        Availability a = c.site().hub().availability(s);
                        if (a != Availability.OK) {
                            problems.add("UPS " + s.name().value() + ": " + a.name().toLowerCase().replace('_', ' '));
                        }
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", problems.isEmpty() ? "ready" : "not ready");
                    m.put("problems", problems);
                    io.gridwatch.coordination.Coordinator.Status site = c.site().coordination();
                    if (!site.role().equals("alone")) {
                        m.put("site", coordination(site));
                    }
                    ctx.status(problems.isEmpty() ? 200 : 503).json(m);
                });
        t.get("/api/v1/site", Access.READ)
                .doc("operations", "This server in its site: alone, leader or follower (or cut off from the shared "
                        + "database), the leader, its fencing token and since when, when last checked")
                .response("SiteRole").handle(ctx -> ctx.json(coordination(c.site().coordination())));
        t.get("/api/v1/log-levels", Access.ADMIN).doc("operations", "Loggers with a level set, and the root level")
                .response("LogLevels").handle(ctx -> ctx.json(levels()));
        t.put("/api/v1/log-levels/{logger}", Access.ADMIN)
                .doc("operations", "Set a logger's level now (TRACE, DEBUG, INFO, WARN, ERROR, OFF; null: inherit)")
                .request("LogLevel").response("LogLevels").handle(ctx -> {
                    String name = ctx.pathParam("logger");
                    String level = Body.of(ctx.body()).optString("level");
                    Level l = level == null ? null : Level.toLevel(level, null);
                    if (level != null && (l == null || !l.levelStr.equalsIgnoreCase(level))) {
                        throw ApiException.badRequest("level", "level must be TRACE, DEBUG, INFO, WARN, ERROR or OFF "
                                + "(got '" + Problems.quote(level) + "')");
                    }
                    Logger logger = context().getLogger(name.equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : name);
                    if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) && l == null) {
                        throw ApiException.badRequest("level", "the root logger needs a level");
                    }
                    logger.setLevel(l);
                    LoggerFactory.getLogger(OpsRoutes.class).info("log level of {} set to {} by {}", logger.getName(),
                            l == null ? "(inherited)" : l, ApiContext.by(ctx));
                    ctx.json(levels());
                });
    }

    static Map<String, Object> coordination(io.gridwatch.coordination.Coordinator.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", s.role());
        m.put("server", s.server());
        m.put("leader", s.leader());
        m.put("token", s.token());
        m.put("leader_since", s.leaderSince());
        m.put("problem", s.problem());
        m.put("checked", s.checked());
        return m;
    }

    private static LoggerContext context() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            return lc;
        }
        throw ApiException.conflict("logging is not Logback here; levels cannot be changed");
    }

    private static Map<String, String> levels() {
        Map<String, String> m = new TreeMap<>();
        for (Logger l : context().getLoggerList()) {
            if (l.getLevel() != null) {
                m.put(l.getName(), l.getLevel().levelStr);
            }
        }
        return m;
    }
}
