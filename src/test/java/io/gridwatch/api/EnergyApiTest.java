package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gridwatch.history.HistoryStore;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/ups/{name}/energy}: readings of the past days written into the server's own history store,
 * rolled up, and the API's kWh, cost and CO2 per day with the previous period to compare; and the errors.
 */
class EnergyApiTest {
    @Test
    void perDayWithCostCo2AndThePreviousPeriod(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  rack: { driver: dummy, file: rack.dev }
                  bare: { driver: dummy, file: bare.dev }
                site: { timezone: UTC }
                energy: { price_per_kwh: 0.25, currency: EUR, co2_kg_per_kwh: 0.5 }
                """, Map.of("rack.dev", "ups.status: OL\nups.realpower: 500\n", "bare.dev", "ups.status: OL\n"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.app().history().isPresent());
            HistoryStore store = server.app().history().orElseThrow();
            Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            store.write(hour(today.minus(Duration.ofDays(1)).plus(Duration.ofHours(10)), 500));
            store.write(hour(today.minus(Duration.ofDays(3)).plus(Duration.ofHours(10)), 1000));
            store.rollUp(Instant.now());
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());

            JsonNode e = admin.get("/api/v1/ups/rack/energy?unit=day&count=2").json();
            assertThat(e.get("source").asString()).isEqualTo("ups.realpower");
            assertThat(e.get("currency").asString()).isEqualTo("EUR");
            JsonNode yesterday = e.get("periods").get(0);
            assertThat(Instant.parse(yesterday.get("start").asString())).isEqualTo(today.minus(Duration.ofDays(1)));
            assertThat(yesterday.get("kwh").asDouble()).isCloseTo(0.5, within(1e-3));
            assertThat(yesterday.get("cost").asDouble()).isCloseTo(0.125, within(1e-3));
            assertThat(yesterday.get("co2_kg").asDouble()).isCloseTo(0.25, within(1e-3));
            assertThat(e.get("previous").get("kwh").asDouble()).isCloseTo(1.0, within(1e-3));
            // today adds what the sampler wrote in the last seconds at 500 W: a few Wh at most
            assertThat(e.get("total").get("kwh").asDouble()).isBetween(0.5, 0.52);
            assertThat(e.get("change_percent").asDouble()).isBetween(-50.0, -48.0);

            assertThat(admin.get("/api/v1/ups/rack/energy?unit=week").json().get("field").asString()).isEqualTo("unit");
            assertThat(admin.get("/api/v1/ups/rack/energy?count=0").json().get("field").asString()).isEqualTo("count");
            Api.Response bare = admin.get("/api/v1/ups/bare/energy");
            assertThat(bare.status()).isEqualTo(422);
            assertThat(bare.json().get("detail").asString()).contains("ups.realpower.nominal");
        }
    }

    /** An hour of 5-second readings at {@code watts}. */
    private static List<HistoryStore.Sample> hour(Instant start, double watts) {
        List<HistoryStore.Sample> out = new ArrayList<>();
        for (int i = 0; i < 720; i++) {
            out.add(new HistoryStore.Sample("rack", "ups.realpower", start.plusSeconds(5L * i).toEpochMilli(), watts));
        }
        return out;
    }
}
