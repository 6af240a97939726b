package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging in and out, the session cookie, first-run credentials, rate limiting, users and tokens. */
class SessionApiTest {
    @TempDir
    Path dir;

    @Test
    void loginSetsAStrictHttpOnlyCookieAndGivesTheCsrfToken() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api api = Api.of(site.server);
            Api.Response r = api.post("/api/v1/login", "{\"username\":\"admin\",\"password\":"
                    + Api.q(site.server.app().initialAdminPassword()) + "}");
            assertThat(r.status()).isEqualTo(200);
            String cookie = r.header("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("gridwatch_session=").contains("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/").doesNotContain("Secure");
            assertThat(r.json().get("csrf_token").asString()).hasSizeGreaterThan(20);
            assertThat(r.json().get("role").asString()).isEqualTo("admin");
            Api.Response me = site.admin.get("/api/v1/session");
            assertThat(me.json().get("user").asString()).isEqualTo("admin");
            assertThat(me.json().get("grants").toString()).isEqualTo("[\"admin\",\"client\",\"control\",\"read\"]");
            assertThat(r.header("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        }
    }

    @Test
    void wrongPasswordsAreRefusedThenRateLimited() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api api = Api.of(site.server);
            for (int i = 0; i < 5; i++) {
                Api.Response r = api.post("/api/v1/login", "{\"username\":\"admin\",\"password\":\"guess" + i + "\"}");
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.json().get("detail").asString()).isEqualTo("wrong user name or password");
            }
            api.post("/api/v1/login", "{\"username\":\"admin\",\"password\":\"guess6\"}");
            Api.Response locked = api.post("/api/v1/login", "{\"username\":\"admin\",\"password\":"
                    + Api.q(site.server.app().initialAdminPassword()) + "}");
            assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
            assertThat(locked.header("Retry-After")).isPresent();
            assertThat(locked.json().get("detail").asString()).startsWith("too many failed logins; try again in");
            Api.Response unknownUser = api.post("/api/v1/login", "{\"username\":\"nobody\",\"password\":\"x\"}");
            assertThat(unknownUser.status()).as("the address is locked too").isEqualTo(429);
        }
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api viewer = site.viewer();
            assertThat(viewer.get("/api/v1/ups").status()).isEqualTo(200);
            assertThat(viewer.post("/api/v1/logout", null).status()).isEqualTo(204);
            assertThat(viewer.get("/api/v1/ups").status()).isEqualTo(401);
        }
    }

    @Test
    void theFirstRunAdminPasswordIsMadeOnceAndKeptOnlyAsAHash() throws Exception {
        Path file = dir.resolve("auth.json");
        AuthStore.Opened first = AuthStore.open(file, TestServer.TEST_HASH_ITERATIONS, Clock.systemUTC());
        assertThat(first.initialAdminPassword()).hasSize(20);
        assertThat(Files.readString(file)).doesNotContain(first.initialAdminPassword()).contains("pbkdf2-sha256$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AuthStore.Opened again = AuthStore.open(file, TestServer.TEST_HASH_ITERATIONS, Clock.systemUTC());
        assertThat(again.initialAdminPassword()).isNull();
        assertThat(again.store().verify("admin", first.initialAdminPassword())).isPresent();
    }

    @Test
    void usersAreManagedByAdminsAndTheLastAdminStays() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response created = site.admin.post("/api/v1/users",
                    "{\"name\":\"olga\",\"role\":\"viewer\",\"password\":\"long-enough-1\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("role").asString()).isEqualTo("viewer");
            assertThat(site.admin.post("/api/v1/users", "{\"name\":\"olga\",\"role\":\"viewer\",\"password\":\"long-enough-1\"}")
                    .status()).isEqualTo(409);
            Api.Response shortPw = site.admin.post("/api/v1/users", "{\"name\":\"p\",\"role\":\"viewer\",\"password\":\"short\"}");
            assertThat(shortPw.status()).isEqualTo(400);
            assertThat(shortPw.json().get("field").asString()).isEqualTo("password");
            Api.Response badRole = site.admin.post("/api/v1/users", "{\"name\":\"p\",\"role\":\"root\",\"password\":\"long-enough-1\"}");
            assertThat(badRole.json().get("field").asString()).isEqualTo("role");
            Api olga = Api.of(site.server).login("olga", "long-enough-1");
            assertThat(site.admin.put("/api/v1/users/olga", "{\"role\":\"admin\"}").status()).isEqualTo(200);
            assertThat(olga.get("/api/v1/ups").status()).as("a role change ends the sessions").isEqualTo(401);
            assertThat(site.admin.delete("/api/v1/users/olga").status()).isEqualTo(204);
            Api.Response last = site.admin.delete("/api/v1/users/admin");
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.json().get("detail").asString()).contains("last admin");
            assertThat(site.admin.get("/api/v1/users").json().toString()).contains("\"admin\"").doesNotContain("pbkdf2");
        }
    }

    @Test
    void changingYourOwnPassword() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api viewer = site.viewer();
            Api.Response wrong = viewer.put("/api/v1/session/password", "{\"current\":\"nope\",\"new\":\"a-new-password\"}");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().get("field").asString()).isEqualTo("current");
            assertThat(viewer.put("/api/v1/session/password",
                    "{\"current\":\"viewer-password\",\"new\":\"a-new-password\"}").status()).isEqualTo(204);
            Api.of(site.server).login("vera", "a-new-password");
        }
    }

    @Test
    void tokensAreShownOnceStoredAsDigestsAndRevocable() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response made = site.admin.post("/api/v1/tokens", "{\"name\":\"script\",\"scopes\":[\"read\"]}");
            assertThat(made.status()).isEqualTo(201);
            String token = made.json().get("token").asString();
            assertThat(token).startsWith("gw_");
            Api script = Api.of(site.server).token(token);
            assertThat(script.get("/api/v1/ups").status()).isEqualTo(200);
            assertThat(site.admin.get("/api/v1/tokens").body()).contains("script").doesNotContain(token);
            assertThat(Files.readString(site.server.dir().resolve("gridwatch-data/auth.json"))).doesNotContain(token);
            assertThat(site.admin.delete("/api/v1/tokens/" + made.json().get("id").asString()).status()).isEqualTo(204);
            assertThat(script.get("/api/v1/ups").status()).isEqualTo(401);

            Api.Response seed = site.admin.post("/api/v1/tokens",
                    "{\"name\":\"seed clients\",\"scopes\":[\"client\"],\"secret\":\"the-old-API_TOKEN-value\"}");
            assertThat(seed.json().get("token").asString()).isEqualTo("the-old-API_TOKEN-value");
            Api.Response badScope = site.admin.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"root\"]}");
            assertThat(badScope.status()).isEqualTo(400);
            assertThat(badScope.json().get("field").asString()).isEqualTo("scopes");
        }
    }
}
