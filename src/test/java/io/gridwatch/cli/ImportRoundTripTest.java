package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.SeedReplay;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A UPS_Server_Docker site moved to Gridwatch with one command, as its user would: the whole config folder
 * imported, checked, started, and every existing client served unchanged: the unmodified UPS_monitor requests
 * with the old 12-character token on the imported port, the real upsc and upsmon as {@code monuser}/{@code secret}
 * (upsmon fires its marker SHUTDOWNCMD when the sentinel, a host in a network namespace, goes dark), and the
 * clients' last reports kept across a restart.
 */
class ImportRoundTripTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = "legacy-12chr";

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Path seedFolder(Path dir, String sentinel) throws Exception {
        Path f = Files.createDirectories(dir.resolve("ups-server-docker-config"));
        Files.writeString(f.resolve("power_manager.conf"), """
                # UPS_Server_Docker, as its users configure it
                SENTINEL_HOSTS="%s"
                WOL_DELAY_MINUTES=5
                API_TOKEN="%s"
                [WAKE_HOST_1]
                NAME=NAS Storage
                IP=192.168.1.10
                MAC=AA:BB:CC:DD:EE:01
                SHUTDOWN_DELAY_MINUTES=10
                [WAKE_HOST_2]
                NAME=printer
                IP=192.168.1.12
                MAC=AA:BB:CC:DD:EE:12
                """.formatted(sentinel, TOKEN));
        Files.writeString(f.resolve("ups.conf"), "maxretry = 3\n[ups]\n    driver = dummy-ups\n"
                + "    port = /var/run/nut/virtual.device\n    desc = \"Virtual UPS for power monitoring\"\n    user = nut\n");
        Files.writeString(f.resolve("upsd.conf"), "# Network UPS Tools: example upsd configuration file\nLISTEN 0.0.0.0 3493\n");
        Files.writeString(f.resolve("upsd.users"), "[monuser]\n    password = secret\n    upsmon slave\n");
        return f;
    }

    @Test
    void theImportNamesEveryWeakSettingItKeptAndTheResultChecksOut(@TempDir Path dir) throws Exception {
        Path folder = seedFolder(dir, "192.168.1.1");
        Path out = dir.resolve("site/gridwatch.yaml");
        Files.createDirectories(out.getParent());
        Run r = cli("import", "power-manager", folder.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String yaml = Files.readString(out);
        assertThat(yaml).contains("listen: [\"0.0.0.0:3493\"]", "listen: [\"0.0.0.0:5000\"]",
                "monuser: { password: \"secret\", upsmon: secondary }").doesNotContain(TOKEN);
        String warning = r.out().substring(r.out().indexOf("WARNING: kept on purpose"));
        assertThat(warning).contains("API_TOKEN (12 characters)", "NUT user 'monuser' keeps its password",
                "plain HTTP on every address", "NUT is served on every address without TLS");
        assertThat(warning.lines().filter(l -> l.strip().startsWith("harden: "))).hasSize(4);
        assertThat(r.out()).contains("ups.conf:1: 'maxretry'", "ups.conf:6: 'user'").doesNotContain("secret\"");
        assertThat(Files.getPosixFilePermissions(out)).as("it holds passwords").hasSize(2);
        assertThat(cli("check-config", out.toString()).code()).isZero();

        Run again = cli("import", "power-manager", folder.toString(), "--output", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists; nothing written (--force overwrites it)");
    }

    @Test
    void anImportThatDoesNotLoadWritesNothing(@TempDir Path dir) throws Exception {
        Path folder = seedFolder(dir, "192.168.1.1");
        Files.writeString(folder.resolve("upsd.users"), "[monuser]\n    password = secret\n    upsmon slave\n"
                + "    actions = SET\n[bad]\n    password = x\n    instcmds = ALL\n    upsmon overlord\n");
        Path out = dir.resolve("gridwatch.yaml");
        Run r = cli("import", "power-manager", folder.toString(), "--output", out.toString(), "--seed-listen",
                "127.0.0.1:8080", "--http-listen", "127.0.0.1:8080");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not load; nothing written", "http.seed.listen");
        assertThat(r.err()).contains("upsd.users:8: upsmon 'overlord' is neither primary nor secondary");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("gridwatch-data")).as("no token stored either").doesNotExist();
    }

    @Test
    void aUpsServerDockerSiteImportedKeepsEveryClientWorking(@TempDir Path dir) throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Netns lan = Netns.create(1)) {
            Path folder = seedFolder(dir, lan.address(0));
            Path file = dir.resolve("gridwatch.yaml");
            // the ports are the test's own (3493 and 5000 may be taken here); the defaults are checked above
            Run r = cli("import", "power-manager", folder.toString(), "--output", file.toString(),
                    "--seed-listen", "127.0.0.1:0", "--nut-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(cli("check-config", file.toString()).code()).isZero();
            Matcher m = Pattern.compile("Dashboard user 'admin', password: (\\S+)").matcher(r.out());
            assertThat(m.find()).as(r.out()).isTrue();
            String admin = m.group(1);
            UpsName ups = UpsName.of("ups");
            try (TestServer s = TestServer.load(file)) {
                int seed = s.app().http().seedAddresses().get(0).getPort();
                SeedReplay.Answer config = SeedReplay.replay("01-get-config.http", TOKEN, seed);
                assertThat(config.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(JSON.readTree(config.body()).get("SHUTDOWN_DELAY_MINUTES").asString()).isEqualTo("10");
                assertThat(JSON.readTree(config.body()).get("UPS_NAME").asString()).isEqualTo("ups@127.0.0.1:" + s.port());
                JsonNode printer = Api.at("http://127.0.0.1:" + seed).token(TOKEN).get("/config?ip=192.168.1.12").json();
                assertThat(printer.get("SHUTDOWN_DELAY_MINUTES").asString()).as("a WoL-only host: the original's 5")
                        .isEqualTo("5");
                await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(SeedReplay.replay("02-get-upsc.http",
                        TOKEN, seed).body()).get("ups").get("status").asString().equals("OL"));
                assertThat(SeedReplay.replay("03-post-status-pending.http", TOKEN, seed).statusLine())
                        .isEqualTo("HTTP/1.1 200 OK");
                assertThat(upsc("ups@127.0.0.1:" + s.port(), "ups.status")).isEqualTo("OL");
                try (Upsmon nas = Upsmon.start(dir.resolve("nas"), "nas", "MONITOR ups@127.0.0.1:" + s.port()
                        + " 1 monuser secret slave", "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 2")) {
                    // no primary on this UPS (as at a UPS_Server_Docker site): a secondary gives up waiting for
                    // one after HOSTSYNC and shuts down on OB LB by itself
                    Upsmon.await(() -> s.app().logins().count(ups) == 1, nas);
                    assertThat(nas.shutdowns()).isEmpty();
                    lan.down(0);
                    Upsmon.await(() -> !nas.shutdowns().isEmpty(), nas);
                    assertThat(JSON.readTree(SeedReplay.replay("02-get-upsc.http", TOKEN, seed).body()).get("ups")
                            .get("status").asString()).isEqualTo("OB LB");
                }
            }
            try (TestServer again = TestServer.load(file)) {
                Api a = Api.of(again).login("admin", admin);
                JsonNode nas = a.get("/api/v1/hosts/NAS-Storage").json();
                assertThat(nas.get("display_name").asString()).isEqualTo("NAS Storage");
                assertThat(nas.get("client").get("state").asString()).as("the report outlived the restart")
                        .isEqualTo("shutdown_pending");
                assertThat(again.app().initialAdminPassword()).as("the import made the admin").isNull();
            }
        }
    }

    @Test
    void aFileLargerThanAnyConfigurationIsRefusedByName(@TempDir Path dir) throws Exception {
        Path folder = seedFolder(dir, "192.168.1.1");
        Files.writeString(folder.resolve("upsd.users"), "# padding\n".repeat(120_000));
        Run r = cli("import", "power-manager", folder.toString(), "--output", dir.resolve("gw.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(folder.resolve("upsd.users") + " is 1200000 bytes: larger than any configuration "
                + "file (1048576); nothing written");
        assertThat(dir.resolve("gw.yaml")).doesNotExist();
    }

    static String upsc(String ups, String var) throws Exception {
        var p = io.gridwatch.testing.Programs.run(List.of("/bin/upsc", ups, var));
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        return p.stdout().strip();
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
