package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * History end to end: a server sampling every second into SQLite under its data folder, the UPS's values
 * changing, and the API answering with the readings as chart points and as CSV; bad requests named.
 */
class HistoryApiTest {
    @Test
    void samplesShowUpAsPointsAndCsv(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                http:
                  listen: "127.0.0.1:0"
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
                history:
                  interval: 1s
                """, Map.of("rack.dev", "ups.status: OL\nbattery.charge: 100\nups.load: 20\n"))) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            await().atMost(Duration.ofSeconds(20)).until(() -> points(admin, "ups.load") >= 2);
            server.write("rack.dev", "ups.status: OL\nbattery.charge: 100\nups.load: 80\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode p = admin.get("/api/v1/ups/rack/history?var=ups.load&range=1h").json().get("points");
                return p.size() > 0 && p.get(p.size() - 1).get(2).asDouble() == 80.0;
            });
            JsonNode h = admin.get("/api/v1/ups/rack/history?var=ups.load&range=1h").json();
            assertThat(h.get("tier").asString()).isEqualTo("raw");
            assertThat(h.get("points").get(0).get(2).asDouble()).isEqualTo(20.0);
            assertThat(Files.exists(dir.resolve("gridwatch-data/history.db"))).isTrue();

            Api.Response csv = admin.get("/api/v1/ups/rack/history?var=ups.load&range=1h&format=csv");
            assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("time,min,avg,max\n").contains(",20.0,20.0,20.0\n", ",80.0,80.0,80.0\n");

            assertThat(admin.get("/api/v1/ups/rack/history?var=ups.load&range=1y").json().get("tier").asString())
                    .isEqualTo("day");
            assertThat(admin.get("/api/v1/ups/rack/history?var=ups.load&range=30d").json().get("tier").asString())
                    .isEqualTo("hour");
            Api.Response noVar = admin.get("/api/v1/ups/rack/history");
            assertThat(noVar.status()).isEqualTo(400);
            assertThat(noVar.json().get("field").asString()).isEqualTo("var");
            assertThat(admin.get("/api/v1/ups/rack/history?var=ups.load&range=soon").json().get("field").asString())
                    .isEqualTo("range");
            assertThat(admin.get("/api/v1/ups/nope/history?var=ups.load").status()).isEqualTo(404);
        }
    }

    private static int points(Api admin, String var) throws Exception {
        Api.Response r = admin.get("/api/v1/ups/rack/history?var=" + var + "&range=1h");
        return r.status() == 200 ? r.json().get("points").size() : 0;
    }
}
