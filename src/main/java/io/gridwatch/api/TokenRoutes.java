package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.Scope;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/tokens}: API tokens for scripts, agents and the seed clients. The token text is shown once, in
 * the answer that creates it; only its digest is kept. A given {@code secret} lets the seed clients keep their
 * configured API_TOKEN.
 */
final class TokenRoutes {
    private TokenRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/tokens", Access.ADMIN).doc("tokens", "API tokens (never their text)").response("TokenList")
                .handle(ctx -> ctx.json(c.auth().tokens().stream().map(TokenRoutes::view).toList()));
        t.post("/api/v1/tokens", Access.ADMIN).doc("tokens", "Create a token; its text is in this answer only")
                .request("NewToken").response("NewTokenCreated").handle(ctx -> {
                    Body b = Body.of(ctx.body());
                    String name = b.string("name", Body.MAX_NAME);
                    if (!name.matches("[A-Za-z0-9 ._@:-]{1,64}")) {
                        throw ApiException.badRequest("name", "use 1-64 letters, digits, spaces, '.', '_', '@', ':' "
                                + "or '-'");
                    }
                    List<String> scopes = b.optStrings("scopes");
                    if (scopes == null || scopes.isEmpty()) {
                        throw ApiException.badRequest("scopes", "'scopes' is required: read, control, admin or client");
                    }
                    EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
                    for (String s : scopes) {
                        Scope sc = Scope.of(s);
                        if (sc == null) {
                            throw ApiException.badRequest("scopes", "unknown scope '" + Problems.quote(s) + "': read, control, admin or client");
                        }
                        set.add(sc);
                    }
                    String secret = b.optString("secret");
                    if (secret != null && (secret.length() < 16 || secret.length() > 512)) {
                        throw ApiException.badRequest("secret", "a given secret needs 16 to 512 characters");
                    }
                    List<String> hosts = b.optStrings("hosts");
                    java.util.Set<String> limited = new java.util.LinkedHashSet<>();
                    if (hosts != null) {
                        if (!set.equals(EnumSet.of(Scope.CLIENT))) {
                            throw ApiException.badRequest("hosts", "only a token with the client scope alone can be "
                                    + "limited to hosts");
                        }
                        for (String h : hosts) {
                            limited.add(HostRoutes.host(c, h, "hosts").name());
                        }
                    }
                    Principal by = Authenticator.principal(ctx);
                    var created = guarded(() -> c.auth().createToken(name, set, secret, by.name(), by.owner(),
                            limited));
                    Map<String, Object> m = view(created.getKey());
                    m.put("token", created.getValue());
                    ctx.status(201).json(m);
                });
        t.delete("/api/v1/tokens/{id}", Access.ADMIN).doc("tokens", "Revoke a token").handle(ctx -> {
            if (!c.auth().deleteToken(ctx.pathParam("id"))) {
                throw ApiException.notFound("no token '" + Problems.quote(ctx.pathParam("id")) + "'");
            }
            ctx.status(204);
        });
    }

    static Map<String, Object> view(AuthStore.Token t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("scopes", t.scopes().stream().map(Scope::wire).sorted().toList());
        m.put("created", t.created());
        m.put("created_by", t.createdBy());
        m.put("owner", t.owner());
        m.put("hosts", t.hosts().stream().sorted().toList());
        return m;
    }

    private static <T> T guarded(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }
}
