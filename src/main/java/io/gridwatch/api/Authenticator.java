package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.Sessions;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the caller of a request and enforces a route's {@link Access}: a Bearer token (for scripts, agents and
 * the seed clients) or the session cookie (for the dashboard). Cookie-authenticated writes must carry the
 * session's CSRF token in {@code X-CSRF-Token} and, when the browser sends an Origin, come from this server's
 * own origin. Routes that PeaNUT's widgets read also take HTTP Basic (those widgets send nothing else): a user's
 * name and password, counted by the login guard like a login, or any name with an API token as the password.
 * Thread-safe.
 */
final class Authenticator {
    static final String COOKIE = "gridwatch_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String ATTRIBUTE = "gridwatch.principal";

    private final AuthStore store;
    private final Sessions sessions;
    private final io.gridwatch.guard.LoginGuard guard;

    Authenticator(AuthStore store, Sessions sessions, io.gridwatch.guard.LoginGuard guard) {
        this.store = store;
        this.sessions = sessions;
        this.guard = guard;
    }

    /**
     * Checks the caller against {@code access}, HTTP Basic accepted too when {@code basic}; afterwards
     * {@link #principal} returns it (or null on PUBLIC).
     */
    void require(Context ctx, Access access, boolean basic) {
        Principal p = basic && isBasic(ctx.header("Authorization")) ? basic(ctx) : resolve(ctx, access);
        if (access == Access.PUBLIC) {
            ctx.attribute(ATTRIBUTE, p);
            return;
        }
        if (p == null) {
            ctx.header("WWW-Authenticate", basic ? "Basic realm=\"gridwatch\", charset=\"UTF-8\""
                    : "Bearer realm=\"gridwatch\"");
            throw ApiException.unauthorized(basic ? "send HTTP Basic (a user and password, or any name and an API "
                    + "token as the password), or 'Authorization: Bearer <token>'"
                    : "log in, or send 'Authorization: Bearer <token>'");
        }
        if (!p.may(access)) {
            throw ApiException.forbidden(p.name() + " may not do this (needs " + access.name().toLowerCase(Locale.ROOT)
                    + " access)");
        }
        if (p.session() != null && unsafe(ctx)) {
            checkCsrf(ctx, p.session());
        }
        ctx.attribute(ATTRIBUTE, p);
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    private static boolean isBasic(String auth) {
        return auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * The caller of an HTTP Basic request: a token as the password (any name), else a user's name and password,
     * with the login guard's limits (a wrong password counts as a failed login).
     */
    private Principal basic(Context ctx) {
        String encoded = ctx.header("Authorization").substring(6).trim();
        String pair;
        try {
            pair = encoded.length() > 1024 ? null
                    : new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            pair = null;
        }
        int colon = pair == null ? -1 : pair.indexOf(':');
        if (colon < 0) {
            basicChallenge(ctx);
            throw ApiException.unauthorized("HTTP Basic must carry base64 of user:password");
        }
        String user = pair.substring(0, colon);
        String password = pair.substring(colon + 1);
        Optional<AuthStore.Token> t = password.length() > 512 ? Optional.empty() : store.findToken(password);
        if (t.isPresent()) {
            Optional<AuthStore.User> owner = t.get().owner() == null ? Optional.empty() : store.user(t.get().owner());
            return Principal.token(t.get().name(), t.get().scopes(), t.get().owner(),
                    owner.map(AuthStore.User::role).orElse(null), t.get().hosts());
        }
        Optional<java.time.Duration> wait = guard.wait(ctx.ip(), user);
        if (wait.isPresent()) {
            long secs = Math.max(1, wait.get().toSeconds());
            ctx.header("Retry-After", Long.toString(secs));
            throw new ApiException(429, "Too many attempts", "too many failed logins; try again in " + secs + " s",
                    null, null);
        }
        Optional<AuthStore.User> u = user.length() > Body.MAX_NAME ? Optional.empty() : store.verify(user, password);
        if (u.isEmpty()) {
            guard.failed("HTTP Basic", ctx.ip(), user.length() > Body.MAX_NAME ? user.substring(0, Body.MAX_NAME) : user);
            basicChallenge(ctx);
            throw ApiException.unauthorized("wrong user name, password or token");
        }
        guard.succeeded(ctx.ip(), user);
        return Principal.user(u.get().name(), u.get().role(), null);
    }

    private static void basicChallenge(Context ctx) {
        ctx.header("WWW-Authenticate", "Basic realm=\"gridwatch\", charset=\"UTF-8\"");
    }

    /** The caller; a bad bearer token counts as nobody on a public route, and is refused everywhere else. */
    private Principal resolve(Context ctx, Access access) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = auth.substring(7).trim();
            Optional<AuthStore.Token> t = token.length() > 512 ? Optional.empty() : store.findToken(token);
            if (t.isEmpty()) {
                if (access == Access.PUBLIC) {
                    return null;
                }
                throw ApiException.unauthorized("unknown or revoked API token");
            }
            Optional<AuthStore.User> owner = t.get().owner() == null ? Optional.empty() : store.user(t.get().owner());
            if (owner.isEmpty() && access != Access.PUBLIC) {
                throw ApiException.unauthorized("the user who made token '" + t.get().name() + "' no longer exists; "
                        + "make a new token");
            }
            return Principal.token(t.get().name(), t.get().scopes(), t.get().owner(),
                    owner.map(AuthStore.User::role).orElse(null), t.get().hosts());
        }
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isEmpty()) {
            return null;
        }
        return store.user(s.get().user()).map(u -> Principal.user(u.name(), u.role(), s.get())).orElse(null);
    }

    private static boolean unsafe(Context ctx) {
        String m = ctx.method().name();
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }

    private static void checkCsrf(Context ctx, Sessions.Session session) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            throw ApiException.forbidden("cross-site request refused (Origin " + origin + ")");
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.forbidden("missing or wrong " + CSRF_HEADER + " header (reload the page)");
        }
    }

    static boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(o.getRawAuthority()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
