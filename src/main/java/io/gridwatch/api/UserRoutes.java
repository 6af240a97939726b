package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.Role;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/users}: dashboard users (admin or viewer), managed by admins; and every user's own password.
 * Changing a user's password or role ends their sessions. The last admin cannot be removed or demoted.
 */
final class UserRoutes {
    static final int MIN_PASSWORD = 10;

    private UserRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/users", Access.ADMIN).doc("users", "Dashboard users").response("UserList")
                .handle(ctx -> ctx.json(c.auth().users().stream().map(UserRoutes::view).toList()));
        t.post("/api/v1/users", Access.ADMIN).doc("users", "Add a user").request("NewUser").response("User")
                .handle(ctx -> {
                    Body b = Body.of(ctx.body());
                    String name = b.string("name", Body.MAX_NAME);
                    if (!name.matches("[A-Za-z0-9._@-]{1,64}")) {
                        throw ApiException.badRequest("name", "use 1-64 letters, digits, '.', '_', '@' or '-'");
                    }
                    Role role = role(b.string("role"));
                    String password = password(b.string("password"), "password");
                    if (c.auth().user(name).isPresent()) {
                        throw ApiException.conflict("user '" + name + "' exists");
                    }
                    ctx.status(201).json(view(c.auth().addUser(name, role, password)));
                });
        t.put("/api/v1/users/{name}", Access.ADMIN).doc("users", "Change a user's role or password")
                .request("UserChange").response("User").handle(ctx -> {
                    String name = ctx.pathParam("name");
                    if (c.auth().user(name).isEmpty()) {
                        throw ApiException.notFound("no user '" + name + "'");
                    }
                    Body b = Body.of(ctx.body());
                    Role role = b.has("role") ? role(b.string("role")) : null;
                    String password = b.has("password") ? password(b.string("password"), "password") : null;
                    AuthStore.User u = guarded(() -> c.auth().update(name, role, password));
                    c.sessions().endAll(name);
                    ctx.json(view(u));
                });
        t.delete("/api/v1/users/{name}", Access.ADMIN).doc("users", "Remove a user").handle(ctx -> {
            String name = ctx.pathParam("name");
            if (!guarded(() -> c.auth().deleteUser(name))) {
                throw ApiException.notFound("no user '" + name + "'");
            }
            c.sessions().endAll(name);
            ctx.status(204);
        });
        t.put("/api/v1/session/password", Access.READ).doc("session", "Change your own password")
                .request("PasswordChange").handle(ctx -> {
                    Principal p = Authenticator.principal(ctx);
                    if (p.kind() != Principal.Kind.USER) {
                        throw ApiException.conflict("an API token has no password to change");
                    }
                    Body b = Body.of(ctx.body());
                    if (c.auth().verify(p.name(), b.string("current")).isEmpty()) {
                        throw ApiException.badRequest("current", "the current password is wrong");
                    }
                    c.auth().update(p.name(), null, password(b.string("new"), "new"));
                    c.sessions().endAll(p.name());
                    ctx.status(204);
                });
    }

    private static <T> T guarded(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static Role role(String text) {
        Role r = Role.of(text);
        if (r == null) {
            throw ApiException.badRequest("role", "role must be admin or viewer");
        }
        return r;
    }

    private static String password(String p, String field) {
        if (p.length() < MIN_PASSWORD) {
            throw ApiException.badRequest(field, "a password needs at least " + MIN_PASSWORD + " characters");
        }
        return p;
    }

    static Map<String, Object> view(AuthStore.User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("role", u.role().wire());
        m.put("created", u.created());
        m.put("password_changed", u.passwordChanged());
        return m;
    }
}
