package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/ups}: reading UPSes, SET VAR and INSTCMD with the driver's answer, and their refusals. */
class UpsApiTest {
    @TempDir
    static Path dir;
    static ApiSite site;

    @BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void listsEveryUpsWithItsState() throws Exception {
        Api.Response r = site.admin.get("/api/v1/ups");
        assertThat(r.status()).isEqualTo(200);
        JsonNode rack = r.json().get(0);
        assertThat(rack.get("name").asString()).isEqualTo("rack");
        assertThat(rack.get("status").asString()).isEqualTo("OL");
        assertThat(rack.get("on_battery").asBoolean()).isFalse();
        assertThat(rack.get("availability").asString()).isEqualTo("ok");
        assertThat(rack.get("battery").get("charge").asInt()).isEqualTo(100);
        assertThat(rack.get("load").asInt()).isEqualTo(23);
        assertThat(rack.get("drillable").asBoolean()).isFalse();
        assertThat(rack.has("variables")).as("the list is a summary").isFalse();
        JsonNode grid = r.json().get(1);
        assertThat(grid.get("drillable").asBoolean()).isTrue();
        assertThat(grid.get("sensors").get(0).get("state").asString()).isEqualTo("up");
    }

    @Test
    void oneUpsInFull() throws Exception {
        Api.Response r = site.admin.get("/api/v1/ups/RACK");
        assertThat(r.status()).as("names are case-insensitive, as in NUT").isEqualTo(200);
        JsonNode u = r.json();
        assertThat(u.get("variables").get("battery.runtime").asString()).isEqualTo("1800");
        assertThat(u.get("commands").toString()).contains("beeper.disable", "test.battery.start");
        JsonNode sensitivity = null;
        for (JsonNode v : u.get("rw")) {
            if (v.get("name").asString().equals("input.sensitivity")) {
                sensitivity = v;
            }
        }
        assertThat(sensitivity).isNotNull();
        assertThat(sensitivity.get("type").asString()).isEqualTo("string");
        assertThat(sensitivity.get("max_length").asInt()).isEqualTo(8);
        assertThat(sensitivity.get("enum").toString()).isEqualTo("[\"low\",\"normal\",\"high\"]");
    }

    @Test
    void unknownUpsIsAJsonProblem() throws Exception {
        Api.Response r = site.admin.get("/api/v1/ups/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).isEqualTo("no UPS 'nope'");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void setVarWaitsForTheDriverAndTheValueShows() throws Exception {
        Api.Response r = site.admin.put("/api/v1/ups/rack/variables/input.sensitivity", "{\"value\":\"high\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").asString()).isEqualTo("SUCCESS");
        assertThat(r.json().get("tracking").asString()).isEqualTo("SUCCESS");
        assertThat(site.admin.get("/api/v1/ups/rack").json().get("variables").get("input.sensitivity").asString())
                .isEqualTo("high");
    }

    @Test
    void setVarRefusalsNameTheField() throws Exception {
        Api.Response notInEnum = site.admin.put("/api/v1/ups/rack/variables/input.sensitivity", "{\"value\":\"max\"}");
        assertThat(notInEnum.status()).isEqualTo(400);
        assertThat(notInEnum.json().get("field").asString()).isEqualTo("value");
        assertThat(notInEnum.json().get("detail").asString()).isEqualTo("'max' is not one of low, normal, high");
        Api.Response range = site.admin.put("/api/v1/ups/rack/variables/ups.delay.shutdown", "{\"value\":\"900\"}");
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.json().get("detail").asString()).contains("outside the allowed ranges");
        Api.Response readOnly = site.admin.put("/api/v1/ups/grid/variables/battery.charge", "{\"value\":\"5\"}");
        assertThat(readOnly.json().get("detail").asString()).isEqualTo("battery.charge is read-only");
        Api.Response missing = site.admin.put("/api/v1/ups/rack/variables/input.sensitivity", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("value");
        Api.Response notJson = site.admin.put("/api/v1/ups/rack/variables/input.sensitivity", "{value:");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("field").asString()).isEqualTo("body");
        Api.Response unknown = site.admin.put("/api/v1/ups/rack/variables/no.such.var", "{\"value\":\"1\"}");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void instantCommandRunsAndIsLogged() throws Exception {
        Api.Response r = site.admin.post("/api/v1/ups/rack/commands/beeper.disable", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").asString()).isEqualTo("SUCCESS");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                site.admin.get("/api/v1/events?type=command").json().get("items").toString().contains("beeper.disable"));
        Api.Response unknown = site.admin.post("/api/v1/ups/rack/commands/load.on.delay", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("UPS 'rack' offers no command load.on.delay");
    }
}
