package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The event archive: events kept in the history database outlive a restart, can be filtered, acknowledged once,
 * and exported as CSV.
 */
class EventArchiveTest {
    static final String YAML = """
            nut:
              listen: ["127.0.0.1:0"]
            ups:
              rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
            """;

    @Test
    void eventsSurviveARestartAndAreAcknowledgedOnce(@TempDir Path dir) throws Exception {
        long id;
        try (TestServer server = TestServer.start(dir, YAML, Map.of("rack.dev", "ups.status: OL\n"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.app().eventArchiver().isPresent());
            server.write("rack.dev", "ups.status: OB DISCHRG\n");
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    admin.get("/api/v1/events/archive?ups=rack&level=warning").json().get("items").size() > 0);
            JsonNode e = admin.get("/api/v1/events/archive?ups=rack&level=warning").json().get("items").get(0);
            assertThat(e.get("message").asString()).contains("OB DISCHRG");
            assertThat(e.get("acknowledged_at").isNull()).isTrue();
            id = e.get("id").asLong();

            Api.Response ack = admin.post("/api/v1/events/archive/" + id + "/ack", "{}");
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            assertThat(ack.json().get("acknowledged_by").asString()).isEqualTo("admin@127.0.0.1 (web)");
            Api.Response again = admin.post("/api/v1/events/archive/" + id + "/ack", "{}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("detail").asString()).contains("already acknowledged by admin");
            assertThat(admin.post("/api/v1/events/archive/999999/ack", "{}").status()).isEqualTo(404);

            Api.Response csv = admin.get("/api/v1/events/archive?format=csv&ups=rack");
            assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("id,time,ups,type,level,message,acknowledged_at,acknowledged_by\n")
                    .contains("OB DISCHRG", ",admin@127.0.0.1 (web)\n");
            assertThat(admin.get("/api/v1/events/archive?from=yesterday").json().get("field").asString())
                    .isEqualTo("from");
        }
        String password = passwordAfterRestart(dir); // set while the server is stopped, as the command requires
        try (TestServer again = TestServer.start(dir, YAML, Map.of("rack.dev", "ups.status: OB DISCHRG\n"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> again.app().history().isPresent());
            Api admin = Api.of(again).login("admin", password);
            JsonNode items = admin.get("/api/v1/events/archive?ups=rack&level=warning").json().get("items");
            assertThat(items).as("the first run's events are still there")
                    .anyMatch(x -> x.get("id").asLong() == id && x.get("acknowledged_by").asString().startsWith("admin@"));
        }
    }

    /** The first run printed the admin password once; a test sets a known one for the second run instead. */
    private static String passwordAfterRestart(Path dir) throws Exception {
        int code = io.gridwatch.cli.Cli.run(new String[] {"passwd", "admin", "--data-dir",
                dir.resolve("gridwatch-data").toString(), "--password", "second-run-password"},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertThat(code).isZero();
        return "second-run-password";
    }
}
