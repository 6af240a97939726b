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
 * own origin. Thread-safe.
 */
final class Authenticator {
    static final String COOKIE = "gridwatch_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String ATTRIBUTE = "gridwatch.principal";

    private final AuthStore store;
    private final Sessions sessions;

    Authenticator(AuthStore store, Sessions sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /** Checks the caller against {@code access}; afterwards {@link #principal} returns it (or null on PUBLIC). */
    void require(Context ctx, Access access) {
        Principal p = resolve(ctx, access);
        if (access == Access.PUBLIC) {
            ctx.attribute(ATTRIBUTE, p);
            return;
        }
        if (p == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gridwatch\"");
            throw ApiException.unauthorized("log in, or send 'Authorization: Bearer <token>'");
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
