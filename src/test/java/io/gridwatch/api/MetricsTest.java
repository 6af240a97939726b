package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics}: NUT variables named as nut_exporter names them, status flags, Gridwatch's own gauges
 * and the JVM's, behind a read token, and valid for Prometheus's own {@code promtool check metrics}.
 */
class MetricsTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

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
    void nutVariablesStatusFlagsAndGridwatchsOwn() throws Exception {
        Api.Response r = Api.of(site.server).token(site.token("read")).get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains(
                "network_ups_tools_battery_charge{ups=\"rack\"} 100.0",
                "network_ups_tools_ups_load{ups=\"rack\"} 23.0",
                "network_ups_tools_battery_runtime{ups=\"rack\"} 1800.0",
                "network_ups_tools_ups_status{flag=\"OL\",ups=\"rack\"} 1.0",
                "network_ups_tools_ups_status{flag=\"OB\",ups=\"rack\"} 0.0",
                "gridwatch_ups_data_available{ups=\"rack\"} 1.0",
                "gridwatch_ups_drill_active{ups=\"grid\"} 0.0",
                "gridwatch_sentinel_up{sensor=",
                "jvm_memory_used_bytes");
        assertThat(r.body()).as("text variables are not numbers").doesNotContain("network_ups_tools_ups_status{ups=");
    }

    /**
     * The flags and device info as nut_exporter exports them (so that its community Grafana dashboards work): its
     * default flag list always present (SD included), a flag the UPS does not assert is not forced there unless it is
     * one of those; Gridwatch's full flag set under its own name.
     */
    @Test
    void statusFlagsAndDeviceInfoAsNutExporterMakesThem() throws Exception {
        String body = Api.of(site.server).token(site.token("read")).get("/metrics").body();
        for (String flag : List.of("OL", "OB", "LB", "HB", "RB", "CHRG", "DISCHRG", "BYPASS", "CAL", "OFF", "OVER",
                "TRIM", "BOOST", "FSD", "SD")) {
            assertThat(body).contains("network_ups_tools_ups_status{flag=\"" + flag + "\",ups=\"rack\"} "
                    + (flag.equals("OL") ? "1.0" : "0.0"));
        }
        assertThat(body).as("not in nut_exporter's list and not asserted")
                .doesNotContain("network_ups_tools_ups_status{flag=\"ALARM\"")
                .doesNotContain("network_ups_tools_ups_status{flag=\"TEST\"");
        assertThat(body).contains("gridwatch_ups_status_flag{flag=\"ALARM\",ups=\"rack\"} 0.0",
                "gridwatch_ups_status_flag{flag=\"OL\",ups=\"rack\"} 1.0");
        assertThat(body).containsPattern("network_ups_tools_device_info\\{contact=\"\",description=\"\",location=\"\","
                + "macaddr=\"\",mfr=\"Gridwatch\",model=\"[^\"]+\",part=\"\",serial=\"\",type=\"ups\",ups=\"grid\"} 1.0");
    }

    @Test
    void aDrillShowsAtTheNextScrape() throws Exception {
        Api.Response start = site.admin.post("/api/v1/drills", "{\"ups\":\"grid\"}");
        assertThat(start.status()).as(start.body()).isBetween(200, 201);
        try {
            String body = Api.of(site.server).token(site.token("read")).get("/metrics").body();
            assertThat(body).contains("gridwatch_ups_drill_active{ups=\"grid\"} 1.0",
                    "network_ups_tools_ups_status{flag=\"OB\",ups=\"grid\"} 1.0");
        } finally {
            site.admin.delete("/api/v1/drills/grid");
        }
    }

    @Test
    void needsAReadToken() throws Exception {
        assertThat(Api.of(site.server).get("/metrics").status()).isEqualTo(401);
    }

    @Test
    void promtoolAcceptsIt() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "skipped: no promtool (apt-get install prometheus)");
        Path scrape = Files.writeString(dir.resolve("metrics.txt"),
                Api.of(site.server).token(site.token("read")).get("/metrics").body());
        Programs.Result r = Programs.run(List.of("sh", "-c", PROMTOOL + " check metrics < '" + scrape + "'"));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    }
}
