package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Operations endpoints: liveness without a login, readiness that turns 503 with the reason when a UPS's data goes
 * missing, and log levels changed at runtime by an admin (and only with a valid level).
 */
class OpsApiTest {
    private static HttpResponse<String> plain(TestServer s, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(Api.of(s).base().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndReadiness(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http: { listen: "127.0.0.1:0" }
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
                """, Map.of("rack.dev", "ups.status: OL\n"))) {
            HttpResponse<String> h = plain(server, "/healthz");
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(h.body()).isEqualTo("{\"status\":\"ok\",\"problems\":[]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> plain(server, "/readyz").statusCode() == 200);
            assertThat(plain(server, "/readyz").body()).isEqualTo("{\"status\":\"ready\",\"problems\":[]}");

            server.app().driverRunner(io.gridwatch.hub.UpsName.of("rack")).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> plain(server, "/readyz").statusCode() == 503);
            assertThat(plain(server, "/readyz").body())
                    .isEqualTo("{\"status\":\"not ready\",\"problems\":[\"UPS rack: driver not connected\"]}");
            assertThat(plain(server, "/healthz").statusCode()).as("a UPS without data is not a reason to restart")
                    .isEqualTo(200);
        }
    }

    /** The field report: the NUT side had stopped answering and /healthz still said 200, so nothing restarted it. */
    @Test
    void healthFailsWhenTheNutListenerNoLongerAnswers(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http: { listen: "127.0.0.1:0" }
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
                """, Map.of("rack.dev", "ups.status: OL\n"))) {
            assertThat(plain(server, "/healthz").statusCode()).isEqualTo(200);
            int port = server.port();
            server.app().nutServer().close();
            HttpResponse<String> h = plain(server, "/healthz");
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(h.body()).contains("\"status\":\"failing\"").contains("the NUT server is not listening")
                    .contains("NUT thread nut-loop-0 has stopped").contains("nut-accept-/127.0.0.1:" + port);
            assertThat(plain(server, "/readyz").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void readinessFailsWhileHistoryCannotWrite(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http: { listen: "127.0.0.1:0" }
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
                history: { interval: 1s }
                """, Map.of("rack.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.app().history().isPresent()
                    && plain(server, "/readyz").statusCode() == 200);
            Path db = dir.resolve("gridwatch-data").resolve("history.db");
            try (java.sql.Connection lock = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
                lock.createStatement().execute("BEGIN EXCLUSIVE");
                await().atMost(Duration.ofSeconds(30)).until(() -> plain(server, "/readyz").body()
                        .contains("history cannot write"));
                assertThat(plain(server, "/readyz").statusCode()).isEqualTo(503);
                assertThat(plain(server, "/healthz").statusCode()).as("degraded, not dead").isEqualTo(200);
                lock.createStatement().execute("ROLLBACK");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> plain(server, "/readyz").statusCode() == 200);
        }
    }

    @Test
    void logLevelsChangeAtRuntime(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http: { listen: "127.0.0.1:0" }
                ups:
                  rack: { driver: dummy, file: rack.dev }
                """, Map.of("rack.dev", "ups.status: OL\n"))) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            org.slf4j.Logger probe = LoggerFactory.getLogger("io.gridwatch.notify");
            assertThat(probe.isDebugEnabled()).isFalse();
            Api.Response r = admin.put("/api/v1/log-levels/io.gridwatch.notify", "{\"level\":\"DEBUG\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("io.gridwatch.notify").asString()).isEqualTo("DEBUG");
            assertThat(probe.isDebugEnabled()).isTrue();
            assertThat(admin.get("/api/v1/log-levels").json().get("ROOT").asString()).isEqualTo("INFO");

            Api.Response bad = admin.put("/api/v1/log-levels/io.gridwatch.notify", "{\"level\":\"LOUD\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("field").asString()).isEqualTo("level");
            assertThat(admin.put("/api/v1/log-levels/io.gridwatch.notify", "{\"level\":null}").status()).isEqualTo(200);
            assertThat(probe.isDebugEnabled()).as("inherits INFO again").isFalse();
            assertThat(admin.put("/api/v1/log-levels/root", "{}").status()).isEqualTo(400);
        }
    }
}
