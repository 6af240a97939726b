package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Reading and changing the configuration: validated as a whole, backed up, applied live where it can be. */
class ConfigApiTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileAndItsSections() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            JsonNode c = site.admin.get("/api/v1/config").json();
            assertThat(c.get("file").asString()).endsWith("gridwatch.yaml");
            assertThat(c.get("text").asString()).contains("driver: dummy");
            assertThat(c.get("sections").get("ups").get("rack").get("driver").asString()).isEqualTo("dummy");
        }
    }

    @Test
    void aBadFileIsRefusedWithEveryProblemAndTheOldOneStays() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Path file = site.server.dir().resolve("gridwatch.yaml");
            String before = Files.readString(file);
            String bad = before.replace("pollinterval: 200ms", "pollinterval: often")
                    .replace("fail_rounds: 1", "fail_rounds: 0");
            Api.Response r = site.admin.put("/api/v1/config", "{\"text\":" + Api.q(bad) + "}");
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("detail").asString()).isEqualTo("2 problem(s); nothing was changed");
            JsonNode errors = r.json().get("errors");
            assertThat(errors.get(0).get("path").asString()).isEqualTo("ups.rack.pollinterval");
            assertThat(errors.get(0).get("line").asInt()).isPositive();
            assertThat(errors.get(1).get("path").asString()).isEqualTo("ups.grid.fail_rounds");
            assertThat(Files.readString(file)).isEqualTo(before);
            try (var files = Files.list(file.getParent())) {
                assertThat(files.filter(p -> p.toString().endsWith(".bak"))).as("no backup for a refusal").isEmpty();
            }
            String good = site.admin.get("/api/v1/config").json().get("text").asString();
            for (int i = 0; i < 5; i++) { // saves within the same second, or millisecond: every one keeps its backup
                Api.Response saved = site.admin.put("/api/v1/config", "{\"text\":" + Api.q(good.replace(
                        "pollinterval: 200ms", "pollinterval: " + (201 + i) + "ms")) + "}");
                assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            }
            try (var files = Files.list(file.getParent())) {
                assertThat(files.filter(p -> p.toString().endsWith(".bak")).count()).as("five distinct backups")
                        .isEqualTo(5);
            }
            Api.Response check = site.admin.post("/api/v1/config/check", "{\"text\":" + Api.q(bad) + "}");
            assertThat(check.json().get("valid").asBoolean()).isFalse();
            assertThat(check.json().get("errors").size()).isEqualTo(2);
        }
    }

    @Test
    void nutUsersChangeLiveAndListenersWaitForARestart() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response users = site.admin.put("/api/v1/config/nut", "{\"value\":{\"listen\":[\"127.0.0.1:0\"],"
                    + "\"users\":{\"ops\":{\"password\":\"opspass\",\"actions\":[\"SET\"]}}}}");
            assertThat(users.status()).as(users.body()).isEqualTo(200);
            assertThat(users.json().get("applied").toString()).isEqualTo("[\"nut.users\"]");
            assertThat(users.json().get("restart_required").size()).isZero();
            try (Wire w = site.server.wire()) {
                w.ask("USERNAME ops");
                assertThat(w.ask("PASSWORD opspass")).isEqualTo("OK");
                assertThat(w.ask("SET VAR rack input.sensitivity low")).isEqualTo("OK");
            }
            try (Wire w = site.server.wire()) {
                w.ask("USERNAME admin");
                w.ask("PASSWORD adminpass");
                assertThat(w.ask("SET VAR rack input.sensitivity low")).as("admin was removed").isEqualTo("ERR ACCESS-DENIED");
            }
            Api.Response lastUser = site.admin.put("/api/v1/config/nut", "{\"value\":{\"listen\":[\"127.0.0.1:0\"]}}");
            assertThat(lastUser.status()).as("the last NUT user cannot be removed from the web").isEqualTo(403);
            assertThat(lastUser.json().get("field").asString()).isEqualTo("users");
            Api.Response listen = site.admin.put("/api/v1/config/nut", "{\"value\":{\"listen\":[\"127.0.0.1:13499\"],"
                    + "\"users\":{\"ops\":{\"password\":\"********\",\"actions\":[\"SET\"]}}}}");
            assertThat(listen.json().get("restart_required").toString()).isEqualTo("[\"nut\"]");
            assertThat(site.admin.get("/api/v1/events?type=config").json().get("items").get(0).get("message").asString())
                    .contains("restart needed for nut");
        }
    }

    @Test
    void aSectionWithAnErrorNamesTheField() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response r = site.admin.put("/api/v1/config/recovery", "{\"value\":{\"attempts\":0}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("field").asString()).isEqualTo("attempts");
            assertThat(r.json().get("detail").asString()).contains("from 1 to 100");
            Api.Response unknown = site.admin.put("/api/v1/config/colours", "{\"value\":{}}");
            assertThat(unknown.status()).isEqualTo(404);
            Api.Response ok = site.admin.put("/api/v1/config/recovery", "{\"value\":{\"delay\":\"2m\",\"attempts\":3,"
                    + "\"broadcast\":\"127.0.0.1\"}}");
            assertThat(ok.json().get("applied").toString()).isEqualTo("[\"recovery\"]");
            assertThat(site.server.app().recovery()).isNotNull();
        }
    }
}
