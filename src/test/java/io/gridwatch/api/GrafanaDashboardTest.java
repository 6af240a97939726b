package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard shipped in {@code packaging/grafana/gridwatch.json}: an importable dashboard (a Prometheus
 * data source input, unique panel ids, a place on the grid for each panel), whose every query is valid PromQL
 * ({@code promtool check rules}) and names only metrics, and labels, that a running server's {@code /metrics}
 * has: a site with a UPS with a data port, one with a sentinel, and a machine counting down.
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of("packaging/grafana/gridwatch.json");
    static final Pattern METRIC = Pattern.compile("\\b((?:network_ups_tools|gridwatch)_[a-z0-9_]+)");

    @TempDir
    static Path dir;
    static ApiSite site;
    static String scrape;

    @BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
        site.server.write("rack.dev", "ups.status: OL\nbattery.charge: 100\nups.load: 23\nbattery.runtime: 1800\n"
                + "input.voltage: 231\noutput.voltage: 230\nups.realpower: 180\ndevice.mfr: Eaton\ndevice.model: 5P\n");
        Api.Response r = Api.of(site.server).token(site.token("client")).post("/api/v1/clients/nas/report",
                "{\"status\":\"shutdown_pending\",\"remaining_seconds\":240}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scrape = Api.of(site.server).token(site.token("read")).get("/metrics").body();
            return scrape.contains("network_ups_tools_ups_realpower{") && scrape.contains("device_info{");
        });
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static JsonNode dashboard() throws Exception {
        return io.gridwatch.api.Json.MAPPER.readTree(Files.readString(DASHBOARD));
    }

    /** Every query of the dashboard: panel targets and template variables. */
    static List<String> queries(JsonNode d) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : d.get("panels")) {
            for (JsonNode t : p.path("targets")) {
                out.add(t.get("expr").asString());
            }
        }
        for (JsonNode v : d.path("templating").path("list")) {
            out.add(v.path("definition").asString());
        }
        return out;
    }

    @Test
    void itImportsIntoGrafana() throws Exception {
        JsonNode d = dashboard();
        assertThat(d.get("__inputs").get(0).get("pluginId").asString()).isEqualTo("prometheus");
        assertThat(d.get("uid").asString()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : d.get("panels")) {
            assertThat(ids.add(p.get("id").asInt())).as("panel id " + p.get("id") + " once").isTrue();
            assertThat(p.get("gridPos").get("w").asInt()).isBetween(1, 24);
            if (!p.get("type").asString().equals("row")) {
                assertThat(p.get("datasource").get("uid").asString()).isEqualTo("${DS_PROMETHEUS}");
                assertThat(p.get("targets")).as(p.get("title").asString()).isNotEmpty();
            }
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @Test
    void everyMetricAndLabelItQueriesIsInALiveScrape() throws Exception {
        Set<String> missing = new TreeSet<>();
        int names = 0;
        for (String q : queries(dashboard())) {
            Matcher m = METRIC.matcher(q);
            assertThat(m.find()).as("a query of ours: " + q).isTrue();
            do {
                names++;
                String metric = m.group(1);
                if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find()) {
                    missing.add(metric);
                }
                Matcher labels = Pattern.compile(metric + "\\{([^}]*)}").matcher(q);
                while (labels.find()) {
                    for (String selector : labels.group(1).split(",")) {
                        String label = selector.split("=~|!=|=")[0].trim();
                        if (!Pattern.compile("(?m)^" + metric + "\\{[^}]*\\b" + label + "=").matcher(scrape).find()) {
                            missing.add(metric + " label " + label);
                        }
                    }
                }
            } while (m.find());
        }
        assertThat(names).isGreaterThan(15);
        assertThat(missing).as("queried but not exported").isEmpty();
    }

    @Test
    void everyQueryIsValidPromQl() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "skipped: no promtool (apt-get install prometheus)");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (String q : queries(dashboard())) {
            String expr = q.startsWith("label_values(") // Grafana's own function: its metric is what counts
                    ? q.substring("label_values(".length(), q.indexOf(','))
                    : q.replace("$ups", ".*");
            rules.append("      - record: dashboard:query").append(i++).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-rules.yml"), rules);
        Programs.Result r = Programs.run(List.of(promtool.toString(), "check", "rules", file.toString()));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SUCCESS: " + i + " rules found");
    }
}
