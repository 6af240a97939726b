package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Drills, hosts with countdowns, Wake-on-LAN, schedules, sentinels and events through the API. */
class SiteApiTest {
    @TempDir
    Path dir;

    static JsonNode host(Api api, String name) throws Exception {
        return api.get("/api/v1/hosts/" + name).json();
    }

    @Test
    void aDrillPutsTheUpsOnBatteryAndStartsTheCountdownsOfHostsThatTakePart() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            assertThat(host(site.admin, "nas").get("countdown").isNull()).isTrue();
            Api.Response started = site.admin.post("/api/v1/drills", "{\"ups\":\"grid\",\"duration\":\"15m\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            assertThat(started.json().get("drilling").asBoolean()).isTrue();
            assertThat(started.json().get("by").asString()).startsWith("admin@127.0.0.1");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    site.admin.get("/api/v1/ups/grid").json().get("on_battery").asBoolean());
            JsonNode grid = site.admin.get("/api/v1/ups/grid").json();
            assertThat(grid.get("simulated").asBoolean()).isTrue();
            assertThat(grid.get("status").asString()).isEqualTo("OB DISCHRG");
            await().atMost(Duration.ofSeconds(5)).until(() -> !host(site.admin, "nas").get("countdown").isNull());
            long nas = host(site.admin, "nas").get("countdown").asLong();
            assertThat(nas).as("10 min delay, just started").isBetween(590L, 600L);
            assertThat(host(site.admin, "pi").get("countdown").isNull()).as("the pi ignores drills").isTrue();

            Api.Response again = site.admin.post("/api/v1/drills", "{\"ups\":\"grid\"}");
            assertThat(again.status()).isEqualTo(409);
            Api.Response rack = site.admin.post("/api/v1/drills", "{\"ups\":\"rack\"}");
            assertThat(rack.status()).isEqualTo(400);
            assertThat(rack.json().get("field").asString()).isEqualTo("ups");
            Api.Response badDuration = site.admin.post("/api/v1/drills", "{\"ups\":\"grid\",\"duration\":\"soon\"}");
            assertThat(badDuration.json().get("field").asString()).isEqualTo("duration");
            assertThat(site.admin.get("/api/v1/drills").json().get(0).get("until").isNull()).isFalse();

            assertThat(site.admin.delete("/api/v1/drills/grid").status()).isEqualTo(204);
            assertThat(site.admin.delete("/api/v1/drills/grid").status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    !site.admin.get("/api/v1/ups/grid").json().get("on_battery").asBoolean());
            assertThat(host(site.admin, "nas").get("countdown").isNull()).isTrue();
        }
    }

    @Test
    void aRealOutageCountsDownForEveryProtectedHost() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            site.grid(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> !host(site.admin, "pi").get("countdown").isNull());
            assertThat(host(site.admin, "pi").get("countdown").asLong()).isBetween(110L, 120L);
            assertThat(site.admin.get("/api/v1/ups/grid").json().get("simulated").asBoolean()).isFalse();
            assertThat(site.admin.get("/api/v1/sentinels").json().get(0).get("state").asString()).isEqualTo("down");
            site.grid(true);
        }
    }

    @Test
    void agentReportsShowAndWinOverThePlannedCountdown() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api agent = Api.of(site.server).token(site.token("client"));
            Api.Response r = agent.post("/api/v1/clients/nas/report", "{\"status\":\"shutdown_pending\",\"remaining_seconds\":42}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode nas = host(site.admin, "nas");
            assertThat(nas.get("client").get("state").asString()).isEqualTo("shutdown_pending");
            assertThat(nas.get("countdown").asLong()).isBetween(40L, 42L);
            assertThat(nas.get("client").get("stale").asBoolean()).isFalse();
            Api.Response missing = agent.post("/api/v1/clients/nas/report", "{\"status\":\"shutdown_pending\"}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("field").asString()).isEqualTo("remaining_seconds");
            Api.Response bad = agent.post("/api/v1/clients/nas/report", "{\"status\":\"sleeping\"}");
            assertThat(bad.json().get("field").asString()).isEqualTo("status");
            assertThat(agent.post("/api/v1/clients/nobody/report", "{\"status\":\"online\"}").status()).isEqualTo(404);
            assertThat(site.admin.get("/api/v1/events?type=client").json().get("items").get(0).get("message").asString())
                    .isEqualTo("host nas shuts down in 42 s");
            Api.Response last = agent.post("/api/v1/clients/nas/report", "{\"status\":\"shutting_down\","
                    + "\"note\":\"UPS rack: asked shutdown.return\"}");
            assertThat(last.status()).as(last.body()).isEqualTo(200);
            assertThat(host(site.admin, "nas").get("client").get("note").asString())
                    .as("the agent's last step, as it said it").isEqualTo("UPS rack: asked shutdown.return");
            Api.Response tooLong = agent.post("/api/v1/clients/nas/report", "{\"status\":\"shutting_down\","
                    + "\"note\":\"" + "x".repeat(600) + "\"}");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.json().get("field").asString()).isEqualTo("note");
        }
    }

    @Test
    void hostsAreCreatedChangedAndRemovedThroughTheConfigurationFile() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Path file = site.server.dir().resolve("gridwatch.yaml");
            Files.writeString(file, "# my site\n" + Files.readString(file));
            Api.Response made = site.admin.put("/api/v1/hosts/pve", "{\"ups\":\"grid\",\"address\":\"127.0.0.20\","
                    + "\"mac\":\"52:54:00:00:00:02\",\"wake\":true,\"group\":2,\"shutdown_delay\":300}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            assertThat(made.json().get("applied").toString()).contains("hosts");
            assertThat(made.json().get("restart_required").size()).isZero();
            assertThat(Path.of(made.json().get("backup").asString())).exists();
            String text = Files.readString(file);
            assertThat(text).startsWith("# my site\n").contains("pve:").contains("shutdown_delay: 5m");
            JsonNode pve = host(site.admin, "pve");
            assertThat(pve.get("shutdown_delay").asLong()).isEqualTo(300);
            assertThat(pve.get("group").asInt()).isEqualTo(2);

            Api.Response badMac = site.admin.put("/api/v1/hosts/pve", "{\"ups\":\"grid\",\"address\":\"127.0.0.20\","
                    + "\"mac\":\"not-a-mac\"}");
            assertThat(badMac.status()).isEqualTo(400);
            assertThat(badMac.json().get("field").asString()).isEqualTo("mac");
            assertThat(badMac.json().get("detail").asString()).contains("is not a MAC address");
            assertThat(Files.readString(file)).as("a refused change leaves the file alone").isEqualTo(text);
            Api.Response unknownField = site.admin.put("/api/v1/hosts/pve", "{\"colour\":\"red\"}");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("field").asString()).isEqualTo("colour");
            assertThat(unknownField.json().get("detail").asString()).contains("unknown field 'colour'", "address", "mac");

            assertThat(site.admin.delete("/api/v1/hosts/pve").status()).isEqualTo(200);
            assertThat(site.admin.get("/api/v1/hosts/pve").status()).isEqualTo(404);
            assertThat(Files.readString(file)).doesNotContain("pve:");
        }
    }

    @Test
    void wakeSendsAMagicPacketToTheHostsBroadcastAddress() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            try (ApiSite site = ApiSite.start(dir, receiver.getLocalPort())) {
                Api.Response r = site.admin.post("/api/v1/hosts/nas/wake", "{}");
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                DatagramPacket p = new DatagramPacket(new byte[200], 200);
                receiver.receive(p);
                assertThat(HexFormat.of().formatHex(p.getData(), 0, p.getLength()))
                        .isEqualTo("ff".repeat(6) + "525400000001".repeat(16));
                Api.Response noMac = site.admin.post("/api/v1/hosts/pi/wake", "{}");
                assertThat(noMac.status()).isEqualTo(409);
                assertThat(site.admin.post("/api/v1/hosts/nobody/wake", "{}").status()).isEqualTo(404);
            }
        }
    }

    @Test
    void schedulesWithTheirNextFiring() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            JsonNode weekly = site.admin.get("/api/v1/schedules").json().get(0);
            assertThat(weekly.get("name").asString()).isEqualTo("weekly");
            assertThat(weekly.get("settings").get("start").asString()).isEqualTo("03:00");
            assertThat(weekly.get("next").isNull()).isFalse();
            Api.Response made = site.admin.put("/api/v1/schedules/monthly",
                    "{\"ups\":[\"grid\"],\"date\":\"2099-01-05\",\"time\":\"10:00\",\"action\":\"start\"}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            JsonNode monthly = site.admin.get("/api/v1/schedules").json().get(1);
            assertThat(monthly.get("next").asString()).startsWith("2099-01-05");
            Api.Response badTime = site.admin.put("/api/v1/schedules/monthly",
                    "{\"ups\":[\"grid\"],\"date\":\"2099-01-05\",\"time\":\"25:00\",\"action\":\"start\"}");
            assertThat(badTime.status()).isEqualTo(400);
            assertThat(badTime.json().get("field").asString()).isEqualTo("time");
            Api.Response onRack = site.admin.put("/api/v1/schedules/x", "{\"ups\":[\"rack\"],\"time\":\"10:00\",\"action\":\"start\"}");
            assertThat(onRack.json().get("detail").asString()).contains("drills do not apply to UPS 'rack'");
            Api.Response unknownField = site.admin.put("/api/v1/schedules/x", "{\"ups\":[\"grid\"],\"when\":\"10:00\"}");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("field").asString()).isEqualTo("when");
            assertThat(unknownField.json().get("detail").asString()).contains("unknown field 'when'", "time", "action");
            assertThat(Files.readString(site.server.dir().resolve("gridwatch.yaml"))).doesNotContain(" x:");
            assertThat(site.admin.delete("/api/v1/schedules/monthly").status()).isEqualTo(200);
            assertThat(site.admin.delete("/api/v1/schedules/monthly").status()).isEqualTo(404);
        }
    }

    @Test
    void eventsArePagedAndFiltered() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            for (int i = 0; i < 3; i++) {
                site.admin.post("/api/v1/drills", "{\"ups\":\"grid\"}");
                site.admin.delete("/api/v1/drills/grid");
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    site.admin.get("/api/v1/events?type=drill-stopped").json().get("items").size() == 3);
            JsonNode first = site.admin.get("/api/v1/events?ups=grid&type=drill-started&limit=2").json();
            assertThat(first.get("items").size()).isEqualTo(2);
            assertThat(first.get("items").get(0).get("level").asString()).isEqualTo("warning");
            long next = first.get("next").asLong();
            JsonNode second = site.admin.get("/api/v1/events?ups=grid&type=drill-started&limit=2&before=" + next).json();
            assertThat(second.get("items").size()).isEqualTo(1);
            assertThat(second.get("next").isNull()).isTrue();
            assertThat(second.get("items").get(0).get("id").asLong()).isLessThan(next);
            Api.Response badLimit = site.admin.get("/api/v1/events?limit=100000");
            assertThat(badLimit.status()).isEqualTo(400);
            assertThat(badLimit.json().get("field").asString()).isEqualTo("limit");
        }
    }
}
