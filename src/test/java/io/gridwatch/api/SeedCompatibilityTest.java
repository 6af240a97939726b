package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.SeedReplay;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The UPS_Server_Docker bash client's requests, as curl sent them (recorded in {@code src/test/resources/seed/}),
 * replayed byte for byte against Gridwatch, with the answers checked the way that client reads them, and their
 * exact JSON shapes.
 */
class SeedCompatibilityTest {
    static final String TOKEN = "the-old-API_TOKEN-of-the-site";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestServer server;
    static Path mains;

    @BeforeAll
    static void start() throws Exception {
        mains = Files.writeString(dir.resolve("mains"), "on\n");
        server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                http:
                  seed: { listen: ["127.0.0.1:0"] }
                ups:
                  ups:
                    driver: command
                    command: ["/bin/sh", "-c", "grep -q on '%s'"]
                    interval: 100ms
                    fail_rounds: 1
                    restore_after: 200ms
                    battery: { low_battery: immediate }
                hosts:
                  proxmox: { address: 192.168.1.10, shutdown_delay: 10m }
                  nas: { address: 192.168.1.11, shutdown_delay: 90s, ignore_drills: true }
                  printer: { display_name: "Office Printer", address: 192.168.1.12, mac: "aa:bb:cc:dd:ee:12" }
                """.formatted(mains), Map.of());
        Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
        Api.Response t = admin.post("/api/v1/tokens", "{\"name\":\"seed clients\",\"scopes\":[\"client\"],\"secret\":"
                + Api.q(TOKEN) + "}");
        assertThat(t.status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends a recorded request (token and address substituted) to the main listener. */
    static String[] replay(String name, String token) {
        return replay(name, token, server.app().http().boundAddress().getPort());
    }

    static String[] replay(String name, String token, int port) {
        SeedReplay.Answer a = SeedReplay.replay(name, token, port);
        return new String[] {a.statusLine(), a.head(), a.body()};
    }

    @Test
    void configGivesTheDelayAsAStringInMinutesAndTheUpsName() throws Exception {
        String[] r = replay("01-get-config.http", TOKEN);
        assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
        JsonNode c = JSON.readTree(r[2]);
        assertThat(c.propertyNames()).containsExactly("SHUTDOWN_DELAY_MINUTES", "UPS_NAME", "IGNORE_SIMULATION");
        assertThat(c.get("SHUTDOWN_DELAY_MINUTES").isString()).as("a string, as the client caches it").isTrue();
        assertThat(c.get("SHUTDOWN_DELAY_MINUTES").asString()).isEqualTo("10");
        assertThat(c.get("UPS_NAME").asString()).isEqualTo("ups@127.0.0.1:" + server.port());
        assertThat(c.get("IGNORE_SIMULATION").isBoolean()).isTrue();
    }

    @Test
    void upscIsNestedWithNumbersAndOnlyOlOrObLb() throws Exception {
        String[] r = replay("02-get-upsc.http", TOKEN);
        assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
        JsonNode u = JSON.readTree(r[2]);
        assertThat(u.get("ups").get("status").asString()).isEqualTo("OL");
        assertThat(u.get("ups").get("simulation").isBoolean()).isTrue();
        assertThat(u.get("ups").get("simulation").asBoolean()).isFalse();
        assertThat(u.get("battery").get("charge").isNumber()).isTrue();
        assertThat(u.get("battery").get("charge.low").asInt()).as("a name under a name with a value keeps its dots")
                .isEqualTo(20);
        assertThat(u.get("driver").get("name").asString()).isEqualTo("gridwatch-command");

        Files.writeString(mains, "off\n");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                JSON.readTree(replay("02-get-upsc.http", TOKEN)[2]).get("ups").get("status").asString().equals("OB LB"));
        Files.writeString(mains, "on\n");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                JSON.readTree(replay("02-get-upsc.http", TOKEN)[2]).get("ups").get("status").asString().equals("OL"));
    }

    @Test
    void statusReportsAreAcceptedAndTracked() throws Exception {
        String[] pending = replay("03-post-status-pending.http", TOKEN);
        assertThat(pending[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(JSON.readTree(pending[2]).toString()).isEqualTo("{\"message\":\"Status updated successfully\"}");
        Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
        JsonNode host = admin.get("/api/v1/hosts/proxmox").json();
        assertThat(host.get("client").get("state").asString()).isEqualTo("shutdown_pending");
        assertThat(host.get("client").get("shutdown_delay").asInt()).as("minutes, kept in seconds").isEqualTo(600);
        assertThat(host.get("client").get("source").asString()).isEqualTo("seed-client");
        assertThat(host.get("countdown").asLong()).isBetween(598L, 600L);

        String[] online = replay("04-post-status-online.http", TOKEN);
        assertThat(online[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(admin.get("/api/v1/hosts/proxmox").json().get("client").get("state").asString()).isEqualTo("online");
    }

    @Test
    void unlikeTheOriginalUnknownHostsAndBadRequestsGetJsonProblems() throws Exception {
        Api client = Api.of(server).token(TOKEN);
        Api.Response unknown = client.get("/config?ip=192.168.1.99");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("no host with address 192.168.1.99 in the configuration");
        Api.Response missing = client.post("/status", "{\"status\":\"online\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("ip");
        assertThat(replay("01-get-config.http", "wrong-token")[0]).isEqualTo("HTTP/1.1 401 Unauthorized");
        Api.Response version = Api.of(server).get("/version");
        assertThat(version.json().get("version").asString()).isNotBlank();
    }

    @Test
    void delaysThatAreNotWholeMinutesAreRoundedUpNeverDown() throws Exception {
        Api client = Api.of(server).token(TOKEN);
        JsonNode nas = client.get("/config?ip=192.168.1.11").json();
        assertThat(nas.get("SHUTDOWN_DELAY_MINUTES").asString()).isEqualTo("2");
        assertThat(nas.get("IGNORE_SIMULATION").asBoolean()).isTrue();
    }

    @Test
    void aHostWithoutShutdownDelayGetsTheOriginalsDefaultOfFiveMinutes() throws Exception {
        JsonNode printer = JSON.readTree(Api.of(server).token(TOKEN).get("/config?ip=192.168.1.12").body());
        assertThat(printer.get("SHUTDOWN_DELAY_MINUTES").asString()).as("api.py's default").isEqualTo("5");
        Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
        assertThat(admin.get("/api/v1/hosts/printer").json().get("display_name").asString()).isEqualTo("Office Printer");
    }

    @Test
    void theSeedListenerServesTheClientEndpointsAndNothingElse() throws Exception {
        int seed = server.app().http().seedAddresses().get(0).getPort();
        assertThat(seed).isNotEqualTo(server.app().http().boundAddress().getPort());
        String[] config = replay("01-get-config.http", TOKEN, seed);
        assertThat(config[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(JSON.readTree(config[2]).get("SHUTDOWN_DELAY_MINUTES").asString()).isEqualTo("10");
        assertThat(replay("02-get-upsc.http", TOKEN, seed)[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(replay("03-post-status-pending.http", TOKEN, seed)[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(replay("04-post-status-online.http", TOKEN, seed)[0]).isEqualTo("HTTP/1.1 200 OK");
        Api onSeed = Api.at("http://127.0.0.1:" + seed);
        assertThat(onSeed.get("/version").status()).isEqualTo(200);
        Api.Response api = onSeed.token(TOKEN).get("/api/v1/ups");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("detail").asString()).startsWith("this listener serves only UPS_Server_Docker's");
        assertThat(onSeed.get("/").status()).as("no dashboard there").isEqualTo(404);
        assertThat(onSeed.post("/api/v1/login", "{\"username\":\"admin\",\"password\":\"x\"}").status()).isEqualTo(404);
    }
}
