package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications through the whole server: a sentinel-style UPS loses power and the webhooks hear about it (a
 * drill only where drills are switched on), "send test" and the outbox through the API, an ERROR in the log as an
 * application-error notification, and secrets that the configuration API never shows but keeps.
 */
class NotifyApiTest {
    @TempDir
    Path dir;
    private HttpServer receiver;
    private final List<String[]> received = new CopyOnWriteArrayList<>(); // path, body

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            received.add(new String[] {ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes())});
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private TestServer start() throws Exception {
        Path mains = Files.writeString(dir.resolve("mains"), "on\n");
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
        return TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http: { listen: "127.0.0.1:0" }
                ups:
                  grid:
                    driver: command
                    command: ["/bin/sh", "-c", "grep -q on '%s'"]
                    interval: 100ms
                    fail_rounds: 1
                    restore_after: 200ms
                notify:
                  channels:
                    ops:   # the on-call webhook
                      type: webhook
                      url: %s/ops
                      secret: hook-secret-123
                      events: [power-lost, power-restored, app-error]
                    lab:
                      type: webhook
                      url: %s/lab
                      events: [power-lost]
                      drills: true
                """.formatted(mains, url, url), Map.of());
    }

    private List<JsonNode> at(String path) {
        return received.stream().filter(r -> r[0].equals(path)).map(r -> Json.MAPPER.readTree(r[1])).toList();
    }

    @Test
    void anOutageAndADrillReachTheChannelsSwitchedOnForThem() throws Exception {
        try (TestServer server = start()) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/ups/grid").json().path("status")
                    .asString("").equals("OL"));
            Files.writeString(dir.resolve("mains"), "off\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> at("/ops").size() == 1 && at("/lab").size() == 1);
            JsonNode lost = at("/ops").get(0);
            assertThat(lost.get("type").asString()).isEqualTo("power-lost");
            assertThat(lost.get("title").asString()).isEqualTo("Power lost: grid is on battery");
            assertThat(lost.get("drill").asBoolean()).isFalse();
            Files.writeString(dir.resolve("mains"), "on\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> at("/ops").size() == 2);
            assertThat(at("/ops").get(1).get("type").asString()).isEqualTo("power-restored");

            assertThat(admin.post("/api/v1/drills", "{\"ups\":\"grid\"}").status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> at("/lab").size() == 2);
            assertThat(at("/lab").get(1).get("title").asString()).isEqualTo("[drill] Power lost: grid is on battery");
            assertThat(admin.delete("/api/v1/drills/grid").status()).isEqualTo(204);

            JsonNode n = admin.get("/api/v1/notifications").json();
            assertThat(n.get("channels").get(0).get("target").asString()).isEqualTo("webhook ops (127.0.0.1)");
            assertThat(n.toString()).doesNotContain("hook-secret-123");
            assertThat(n.get("deliveries").get(0).get("state").asString()).isEqualTo("delivered");
            assertThat(at("/ops")).as("no drill for the on-call channel").hasSize(2);
        }
    }

    @Test
    void sendTestRetryAndApplicationErrors() throws Exception {
        try (TestServer server = start()) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            Api.Response t = admin.post("/api/v1/notifications/test", "{\"channel\":\"lab\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> at("/lab").size() == 1);
            assertThat(at("/lab").get(0).get("type").asString()).isEqualTo("test");
            assertThat(at("/lab").get(0).get("message").asString()).contains("sent by admin");
            await().atMost(Duration.ofSeconds(5)).until(() -> admin.get("/api/v1/notifications").json()
                    .get("deliveries").get(0).get("state").asString().equals("delivered"));
            String id = t.json().get("id").asString();
            assertThat(admin.post("/api/v1/notifications/" + id + "/retry", "{}").status()).isEqualTo(409);
            assertThat(admin.post("/api/v1/notifications/nope/retry", "{}").status()).isEqualTo(404);
            Api.Response unknown = admin.post("/api/v1/notifications/test", "{\"channel\":\"pager\"}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("detail").asString()).isEqualTo("no notification channel 'pager'");

            LoggerFactory.getLogger("io.gridwatch.history.Somewhere").error("the disk is full");
            await().atMost(Duration.ofSeconds(10)).until(() -> at("/ops").stream()
                    .anyMatch(j -> j.get("type").asString().equals("app-error")));
            JsonNode err = at("/ops").stream().filter(j -> j.get("type").asString().equals("app-error")).findFirst()
                    .orElseThrow();
            assertThat(err.get("message").asString()).contains("Somewhere", "the disk is full");
        }
    }

    @Test
    void secretsAreNeverShownAndKeptWhenTheFormIsSavedAsItCame() throws Exception {
        try (TestServer server = start()) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            JsonNode config = admin.get("/api/v1/config").json();
            assertThat(config.toString()).doesNotContain("hook-secret-123");
            assertThat(config.get("text").asString()).contains("secret: \"********\"");
            ObjectNode notify = (ObjectNode) config.get("sections").get("notify").deepCopy();
            assertThat(notify.get("channels").get("ops").get("secret").asString()).isEqualTo("********");
            ((ObjectNode) notify.get("channels").get("lab")).put("drills", false);
            Api.Response r = admin.put("/api/v1/config/notify", Json.MAPPER.writeValueAsString(Map.of("value", notify)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("applied").toString()).contains("notify");
            String file = Files.readString(dir.resolve("gridwatch.yaml"));
            assertThat(file).contains("hook-secret-123").doesNotContain("********");
            assertThat(server.app().notifier().settings().channels().get(1).drills()).as("in force at once").isFalse();

            // the raw editor: the hidden text sent back keeps the secret too
            String text = admin.get("/api/v1/config").json().get("text").asString();
            assertThat(admin.put("/api/v1/config", Json.MAPPER.writeValueAsString(Map.of("text", text))).status())
                    .isEqualTo(200);
            assertThat(Files.readString(dir.resolve("gridwatch.yaml"))).contains("secret: \"hook-secret-123\"");

            // a new channel cannot borrow a hidden value
            ((ObjectNode) notify.get("channels")).set("new", Json.MAPPER.readTree(
                    "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:1/\",\"secret\":\"********\"}"));
            Api.Response refused = admin.put("/api/v1/config/notify", Json.MAPPER.writeValueAsString(Map.of("value", notify)));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("detail").asString()).contains("notify.channels.new.secret", "type the secret");
            assertThat(Files.readString(dir.resolve("gridwatch.yaml"))).doesNotContain("new:");
        }
    }
}
