package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.history.HistoryStore;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/ups/{name}/report}: yesterday's readings written into the server's history, and the day
 * report: a self-contained page with energy and cost, charts that are real PNG images, battery health.
 */
class ReportTest {
    @Test
    void dayReportWithEnergyChartsAndBatteryHealth(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  rack: { driver: dummy, file: rack.dev, description: "Rack <UPS>" }
                site: { timezone: UTC }
                energy: { price_per_kwh: 0.5, currency: EUR }
                """, Map.of("rack.dev", "ups.status: OL RB\nbattery.charge: 90\nups.load: 40\nups.realpower: 400\n"
                + "battery.date: 2023/05/01\nups.test.result: Done and passed\n"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.app().history().isPresent());
            HistoryStore store = server.app().history().orElseThrow();
            Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<HistoryStore.Sample> s = new ArrayList<>();
            for (int i = 0; i < 720; i++) {
                long ts = yesterday.plus(Duration.ofHours(8)).plusSeconds(5L * i).toEpochMilli();
                s.add(new HistoryStore.Sample("rack", "ups.realpower", ts, 1000));
                s.add(new HistoryStore.Sample("rack", "battery.charge", ts, 100 - i / 72.0));
                s.add(new HistoryStore.Sample("rack", "ups.load", ts, 40));
            }
            store.write(s);
            store.rollUp(Instant.now());
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());

            Api.Response r = admin.get("/api/v1/ups/rack/report?period=day");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type").orElse("")).startsWith("text/html");
            String html = r.body();
            assertThat(html).contains("<h1>rack — Rack &lt;UPS&gt;</h1>", "Yesterday",
                    "1.00 kWh, 0.50 EUR", "Battery health", "Done and passed", "yes: the UPS asks for a new battery",
                    "(battery.date 2023/05/01)");
            assertThat(html).doesNotContain("<script", "http://", "https://");
            Matcher png = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
            int charts = 0;
            while (png.find()) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
                assertThat(img.getWidth()).isEqualTo(720);
                charts++;
            }
            assertThat(charts).as("battery charge and load; no input voltage readings").isEqualTo(2);
            assertThat(html).contains("min 90.0 % · average 95.0 % · max 100.0 %");

            assertThat(admin.get("/api/v1/ups/rack/report?period=year").json().get("field").asString())
                    .isEqualTo("period");
        }
    }
}
