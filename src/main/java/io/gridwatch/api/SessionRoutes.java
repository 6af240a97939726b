package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.Sessions;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in and out of the dashboard: a session cookie (HttpOnly, SameSite=Strict, Secure under HTTPS) and a
 * CSRF token the page sends back on writes. Failed logins are slowed down per address and per user name, by the
 * guard the NUT side shares, and logged.
 */
final class SessionRoutes {
    private SessionRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.post("/api/v1/login", Access.PUBLIC).doc("session", "Log in; sets the session cookie")
                .request("Login").response("Session").handle(ctx -> login(ctx, c));
        t.post("/api/v1/logout", Access.READ).doc("session", "Log out; ends the session").handle(ctx -> {
            Principal p = Authenticator.principal(ctx);
            if (p.session() != null) {
                c.sessions().end(p.session());
            }
            ctx.removeCookie(Authenticator.COOKIE, "/");
            ctx.status(204);
        });
        t.get("/api/v1/session", Access.READ).doc("session", "Who is logged in, with the CSRF token for writes")
                .response("Session").handle(ctx -> ctx.json(session(Authenticator.principal(ctx))));
    }

    private static void login(Context ctx, ApiContext c) {
        String origin = ctx.header("Origin");
        if (origin != null && !Authenticator.sameOrigin(origin, ctx.header("Host"))) {
            throw ApiException.forbidden("cross-site login refused (Origin " + origin + ")");
        }
        Body b = Body.of(ctx.body());
        String user = b.string("username", Body.MAX_NAME);
        String password = b.string("password");
        Optional<Duration> wait = c.limiter().wait(ctx.ip(), user);
        if (wait.isPresent()) {
            long secs = Math.max(1, wait.get().toSeconds());
            ctx.header("Retry-After", Long.toString(secs));
            throw new ApiException(429, "Too many attempts", "too many failed logins; try again in " + secs + " s",
                    null, null);
        }
        Optional<AuthStore.User> u = c.auth().verify(user, password);
        if (u.isEmpty()) {
            c.limiter().failed("HTTP", ctx.ip(), user);
            throw ApiException.unauthorized("wrong user name or password");
        }
        c.limiter().succeeded(ctx.ip(), user);
        Sessions.Session s = c.sessions().create(user);
        Cookie cookie = new Cookie(Authenticator.COOKIE, s.id());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure(c.https());
        ctx.cookie(cookie);
        ctx.json(session(Principal.user(user, u.get().role(), s)));
    }

    static Map<String, Object> session(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.name());
        m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("role", p.role() == null ? null : p.role().wire());
        m.put("grants", p.grants().stream().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
        m.put("csrf_token", p.session() == null ? null : p.session().csrf());
        return m;
    }
}
