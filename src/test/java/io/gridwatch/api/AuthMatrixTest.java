package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Api;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the server against every kind of caller: nobody, a viewer, tokens of each scope, an admin
 * session without its CSRF token. The expected outcome follows from the route's declared access alone, so a
 * route added later is checked the moment it exists; and a route that reaches Javalin without going through the
 * route table (so without an access rule) fails the first test.
 */
class AuthMatrixTest {
    @TempDir
    static Path dir;
    static ApiSite site;
    static List<Route> routes;

    @BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
        // logout last: it ends the session the other calls use
        routes = site.server.app().http().routes().stream()
                .sorted(java.util.Comparator.comparing(r -> r.path().equals("/api/v1/logout"))).toList();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void everyRouteJavalinServesHasAnAccessRule() {
        List<String> declared = new java.util.ArrayList<>(routes.stream().map(r -> r.method() + " " + r.path()).toList());
        declared.addAll(HttpApi.dashboardRoutes());
        assertThat(site.server.app().http().registeredHandlers()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(routes).hasSizeGreaterThan(40);
    }

    /** The dashboard's files are the public routes outside the table: the page and its scripts, no data. */
    @Test
    void theDashboardsFilesArePublicAndNothingElseIsServedBesideTheTable() throws Exception {
        Api nobody = Api.of(site.server);
        assertThat(nobody.get("/").status()).isEqualTo(200);
        assertThat(nobody.get("/js/app.js").status()).isEqualTo(200);
        assertThat(nobody.get("/io/gridwatch/web/index.html").status()).as("only the dashboard's folder").isEqualTo(404);
        assertThat(nobody.get("/auth.json").status()).isEqualTo(404);
        assertThat(nobody.get("/js/%2e%2e/%2e%2e/auth.json").status()).isIn(400, 404);
    }

    @Test
    void withoutCredentialsOnlyPublicRoutesAnswer() throws Exception {
        Api nobody = Api.of(site.server);
        for (Route r : routes) {
            int status = call(nobody, r).status();
            if (r.access() == Access.PUBLIC) {
                assertThat(status).as("%s %s is public", r.method(), r.path()).isNotIn(401, 403);
            } else {
                assertThat(status).as("%s %s without credentials", r.method(), r.path()).isEqualTo(401);
            }
        }
    }

    @Test
    void aViewerMayOnlyRead() throws Exception {
        check(site.viewer(), EnumSet.of(Access.PUBLIC, Access.READ), "viewer");
    }

    @Test
    void tokensGetWhatTheirScopesGive() throws Exception {
        Api api = Api.of(site.server);
        check(api.token(site.token("read")), EnumSet.of(Access.PUBLIC, Access.READ), "read token");
        check(api.token(site.token("control")), EnumSet.of(Access.PUBLIC, Access.READ, Access.CONTROL), "control token");
        check(api.token(site.token("client")), EnumSet.of(Access.PUBLIC, Access.CLIENT), "client token");
    }

    @Test
    void anUnknownTokenIsRefusedEvenOnReads() throws Exception {
        Api.Response r = Api.of(site.server).token("gw_not-a-real-token").get("/api/v1/ups");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("detail").asString()).isEqualTo("unknown or revoked API token");
    }

    @Test
    void sessionWritesWithoutTheCsrfTokenAreRefused() throws Exception {
        Api noCsrf = site.admin.withoutCsrf();
        List<String> unguarded = new ArrayList<>();
        for (Route r : routes) {
            if (r.access() != Access.PUBLIC && !r.method().equals("GET")) {
                Api.Response resp = call(noCsrf, r);
                if (resp.status() != 403 || !resp.json().get("detail").asString().contains("X-CSRF-Token")) {
                    unguarded.add(r.method() + " " + r.path() + " -> " + resp);
                }
            }
        }
        assertThat(unguarded).isEmpty();
    }

    @Test
    void aCrossSiteOriginIsRefusedOnSessionWrites() throws Exception {
        Api.Response r = site.admin.callWithHeader("POST", "/api/v1/drills", "{\"ups\":\"grid\"}", "Origin",
                "http://evil.example");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("detail").asString()).contains("cross-site");
    }

    /** Callers with {@code allowed} get past the access check (any status but 401/403); others get 403. */
    private static void check(Api caller, Set<Access> allowed, String who) throws Exception {
        for (Route r : routes) {
            int status = call(caller, r).status();
            if (allowed.contains(r.access())) {
                assertThat(status).as("%s may %s %s", who, r.method(), r.path()).isNotIn(401, 403);
            } else {
                assertThat(status).as("%s may not %s %s", who, r.method(), r.path()).isEqualTo(403);
            }
        }
    }

    /** Calls a route with harmless arguments: names that do not exist, empty bodies. */
    private static Api.Response call(Api api, Route r) throws Exception {
        String path = r.path().replaceAll("\\{[a-z_]+}", "no-such-thing");
        if (path.equals("/api/v1/stream")) {
            return api.headersOnly(path);
        }
        String body = r.method().equals("GET") || r.method().equals("DELETE") ? null : "{}";
        return api.call(r.method(), path, body);
    }
}
