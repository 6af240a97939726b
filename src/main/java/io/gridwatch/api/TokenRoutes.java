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
                    String name = b.string("name");
                    List<String> scopes = b.optStrings("scopes");
                    if (scopes == null || scopes.isEmpty()) {
                        throw ApiException.badRequest("scopes", "'scopes' is required: read, control, admin or client");
                    }
                    EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
                    for (String s : scopes) {
                        Scope sc = Scope.of(s);
                        if (sc == null) {
                            throw ApiException.badRequest("scopes", "unknown scope '" + s + "': read, control, admin or client");
                        }
                        set.add(sc);
                    }
                    String secret = b.optString("secret");
                    if (secret != null && secret.length() < 16) {
                        throw ApiException.badRequest("secret", "a given secret needs at least 16 characters");
                    }
                    var created = c.auth().createToken(name, set, secret, Authenticator.principal(ctx).name());
                    Map<String, Object> m = view(created.getKey());
                    m.put("token", created.getValue());
                    ctx.status(201).json(m);
                });
        t.delete("/api/v1/tokens/{id}", Access.ADMIN).doc("tokens", "Revoke a token").handle(ctx -> {
            if (!c.auth().deleteToken(ctx.pathParam("id"))) {
                throw ApiException.notFound("no token '" + ctx.pathParam("id") + "'");
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
        return m;
    }
}
