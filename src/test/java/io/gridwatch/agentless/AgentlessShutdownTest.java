package io.gridwatch.agentless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.Sshd;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Agentless shutdown over SSH, end to end: the whole server, a UPS whose grid the test cuts (a GPIO value file), and
 * Debian's OpenSSH server in a network namespace the test made, whose only authorized keys have a forced command that
 * writes a marker file (nothing else can run; nothing ever powers anything off). Account 0 is the host that reacts to
 * everything; account 1 a host that ignores drills.
 */
class AgentlessShutdownTest {
    private static Sshd sshd;
    @TempDir
    static Path sshDir;

    @BeforeAll
    static void startSshd() throws Exception {
        Optional<String> why = Sshd.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        sshd = Sshd.start(sshDir.resolve("sshd"), 2);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** A site with one UPS on a GPIO file and host {@code nas} shut down over SSH with {@code ssh} extra keys. */
    private static TestServer site(Path dir, String delay, String ssh) throws Exception {
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        return TestServer.start(dir, """
                ups:
                  grid: { driver: gpio, value_file: "%s", interval: 100ms, restore_after: 1s }
                hosts:
                  nas:
                    address: %s
                    shutdown_delay: %s
                    shutdown:
                      ssh:
                        user: %s
                        key: "%s"
                        command: "sudo /sbin/poweroff"
                        connect_timeout: 2s
                %s
                """.formatted(pin, sshd.address(), delay, System.getProperty("user.name"), sshd.key(0),
                ssh.indent(8).stripTrailing()), Map.of());
    }

    private static void grid(TestServer s, boolean on) throws Exception {
        Files.writeString(s.dir().resolve("pin"), on ? "1\n" : "0\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> s.app().hub().snapshot(UpsName.of("grid")).status()
                .onBattery() != on);
    }

    private static ClientState host(TestServer s) {
        return s.app().clients().get("nas").orElse(null);
    }

    private static ClientState.State state(TestServer s) {
        ClientState c = host(s);
        return c == null ? null : c.state();
    }

    @Test
    void anOutageRunsTheHostsCommandOverSshAtItsDelay(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        try (TestServer s = site(dir, "3s", "host_key: \"" + sshd.hostKey() + "\"")) {
            long lost = System.currentTimeMillis();
            grid(s, false);
            await().atMost(Duration.ofSeconds(3)).until(() -> state(s) == ClientState.State.SHUTDOWN_PENDING);
            assertThat(host(s).remainingSeconds()).as("the countdown reported like an agent's").isBetween(1, 3);
            assertThat(host(s).source()).isEqualTo("ssh");
            await().atMost(Duration.ofSeconds(10)).until(() -> sshd.runs(0).size() > before);
            long ran = sshd.runs(0).get(before);
            assertThat(ran - lost).as("ms from the grid's loss to the command on the host").isBetween(2900L, 6000L);
            await().atMost(Duration.ofSeconds(5)).until(() -> state(s) == ClientState.State.SHUT_DOWN);
            assertThat(host(s).note()).as("exit status and the output's tail").contains("exited with status 0")
                    .contains("shutdown requested: sudo /sbin/poweroff");
            JsonNode view = Api.of(s).login("admin", s.app().initialAdminPassword()).get("/api/v1/hosts/nas").json();
            assertThat(view.get("shutdown_by").asString()).isEqualTo("ssh");
            assertThat(view.at("/client/state").asString()).isEqualTo("shut_down");
            assertThat(view.at("/client/note").asString()).contains("status 0");
            assertThat(view.at("/ssh").toString()).as("never the key or a password").doesNotContain("client0");
            Thread.sleep(1500);
            assertThat(sshd.runs(0)).as("run once, not again while the outage lasts").hasSize(before + 1);
        }
    }

    @Test
    void powerBackBeforeTheDelayRunsNothing(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        try (TestServer s = site(dir, "4s", "host_key: \"" + sshd.fingerprint() + "\"")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(3)).until(() -> state(s) == ClientState.State.SHUTDOWN_PENDING);
            Thread.sleep(1000);
            grid(s, true); // back 3 s before the delay runs out
            await().atMost(Duration.ofSeconds(3)).until(() -> state(s) == ClientState.State.ONLINE);
            Thread.sleep(5000); // past the delay
            assertThat(sshd.runs(0)).as("no command on the host").hasSize(before);
            assertThat(state(s)).isEqualTo(ClientState.State.ONLINE);
        }
    }

    @Test
    void aWrongHostKeyIsRefusedAndReported(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        String other = Files.readString(Path.of(sshd.key(1) + ".pub")).strip(); // a real key, not the host's
        try (TestServer s = site(dir, "0s", "host_key: \"" + other + "\"\nretry_for: 20s")) {
            Api admin = Api.of(s).login("admin", s.app().initialAdminPassword());
            JsonNode check = admin.post("/api/v1/hosts/nas/ssh-check", "").json();
            assertThat(check.get("ok").asBoolean()).isFalse();
            assertThat(check.get("result").asString()).isEqualTo("host_key_refused");
            assertThat(check.get("host_key").asString()).as("the key the host presented").contains(sshd.fingerprint());
            grid(s, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> state(s) == ClientState.State.SHUTDOWN_FAILED);
            assertThat(host(s).note()).contains("not the key pinned for host 'nas'").contains(sshd.fingerprint());
            assertThat(sshd.runs(0)).as("nothing sent to a host that is not the one pinned").hasSize(before);
            assertThat(admin.get("/api/v1/events?limit=50").body()).contains("could not be shut down over SSH");
        }
    }

    @Test
    void aHostMissingFromKnownHostsIsRefusedNotTrustedOnFirstUse(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        Path empty = Files.writeString(dir.resolve("known_hosts"), "10.0.0.1 " + sshd.hostKey() + "\n");
        try (TestServer s = site(dir, "0s", "known_hosts: \"" + empty + "\"")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> state(s) == ClientState.State.SHUTDOWN_FAILED);
            assertThat(host(s).note()).contains("is not in " + empty).contains("never trusted on first use");
            assertThat(sshd.runs(0)).hasSize(before);
            assertThat(Files.readString(empty)).as("nothing added to the file").hasLineCount(1);
        }
        Path good = sshd.knownHosts();
        try (TestServer s = site(Files.createDirectories(dir.resolve("2")), "0s", "known_hosts: \"" + good + "\"")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(s) == ClientState.State.SHUT_DOWN);
            assertThat(sshd.runs(0)).as("the key found in known_hosts").hasSize(before + 1);
        }
    }

    @Test
    void anUnreachableHostIsRetriedAndReported(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        sshd.down();
        try (TestServer s = site(dir, "0s", "host_key: \"" + sshd.hostKey() + "\"\nretry_for: 60s")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(15)).until(() -> host(s) != null && host(s).note() != null
                    && host(s).note().contains("attempt 2 failed"));
            assertThat(state(s)).isEqualTo(ClientState.State.SHUTTING_DOWN);
            assertThat(host(s).note()).contains("trying again in");
            sshd.up();
            await().atMost(Duration.ofSeconds(20)).until(() -> state(s) == ClientState.State.SHUT_DOWN);
            assertThat(sshd.runs(0)).as("run once the host answered").hasSize(before + 1);
        } finally {
            sshd.up();
        }
    }

    @Test
    void aHostThatStaysUnreachableIsReportedAsFailedWhenTheRetriesRunOut(@TempDir Path dir) throws Exception {
        sshd.down();
        try (TestServer s = site(dir, "0s", "host_key: \"" + sshd.hostKey() + "\"\nretry_for: 3s")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> state(s) == ClientState.State.SHUTDOWN_FAILED);
            assertThat(host(s).note()).contains("connecting to").contains("attempts over 3 s");
        } finally {
            sshd.up();
        }
    }

    @Test
    void theCheckLogsInWithoutRunningAnything(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        try (TestServer s = site(dir, "5m", "host_key: \"" + sshd.hostKey() + "\"")) {
            Api admin = Api.of(s).login("admin", s.app().initialAdminPassword());
            Api.Response r = admin.post("/api/v1/hosts/nas/ssh-check", "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("ok").asBoolean()).as(r.body()).isTrue();
            assertThat(r.json().get("result").asString()).isEqualTo("logged_in");
            assertThat(r.json().get("host_key").asString()).isEqualTo("ssh-ed25519 " + sshd.fingerprint());
            assertThat(r.json().get("ran_command").asBoolean()).isFalse();
            assertThat(sshd.runs(0)).as("the forced command runs for any session: none was opened").hasSize(before);
            assertThat(sshd.log()).contains("Accepted publickey for " + System.getProperty("user.name"));
            assertThat(admin.post("/api/v1/hosts/nas/ssh-check", "").status()).isEqualTo(200);
        }
    }

    @Test
    void drillsFollowTheHostsRule(@TempDir Path dir) throws Exception {
        int nas = sshd.runs(0).size();
        int tv = sshd.runs(1).size();
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        String login = "user: %s, command: poweroff, host_key: \"%s\"".formatted(System.getProperty("user.name"),
                sshd.hostKey());
        try (TestServer s = TestServer.start(dir, """
                ups:
                  grid: { driver: gpio, value_file: "%s", interval: 100ms, restore_after: 1s }
                hosts:
                  nas: { address: %s, shutdown_delay: 1s, shutdown: { ssh: { key: "%s", %s } } }
                  tv: { address: %s, shutdown_delay: 1s, ignore_drills: true, shutdown: { ssh: { key: "%s", %s } } }
                """.formatted(pin, sshd.address(), sshd.key(0), login, sshd.address(), sshd.key(1), login), Map.of())) {
            Api admin = Api.of(s).login("admin", s.app().initialAdminPassword());
            assertThat(admin.post("/api/v1/drills", "{\"ups\":\"grid\"}").status()).isBetween(200, 202);
            await().atMost(Duration.ofSeconds(10)).until(() -> sshd.runs(0).size() > nas);
            Thread.sleep(2000);
            assertThat(sshd.runs(1)).as("the host that ignores drills").hasSize(tv);
            assertThat(s.app().clients().get("tv").map(ClientState::state).orElse(ClientState.State.ONLINE))
                    .isEqualTo(ClientState.State.ONLINE);
        }
    }

    @Test
    void theCommandLineCheckSaysWhatItProvedAndWhatItDidNotRun(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        try (TestServer s = site(dir, "5m", "host_key: \"" + sshd.hostKey() + "\"")) {
            io.gridwatch.cli.CliRunner.Run ok = io.gridwatch.cli.CliRunner.run("ssh-check", "-c",
                    dir.resolve("gridwatch.yaml").toString(), "nas");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("OK: logged in to").contains("host key presented: ssh-ed25519 "
                    + sshd.fingerprint()).contains("sudo /sbin/poweroff (not run by this check)");
            io.gridwatch.cli.CliRunner.Run none = io.gridwatch.cli.CliRunner.run("ssh-check", "-c",
                    dir.resolve("gridwatch.yaml").toString(), "nsa");
            assertThat(none.code()).isEqualTo(2);
            assertThat(none.err()).contains("no host 'nsa'").contains("hosts with shutdown.ssh: nas");
        }
        sshd.down();
        try {
            io.gridwatch.cli.CliRunner.Run down = io.gridwatch.cli.CliRunner.run("ssh-check", "-c",
                    dir.resolve("gridwatch.yaml").toString(), "nas");
            assertThat(down.code()).isEqualTo(1);
            assertThat(down.err()).contains("FAILED: connecting to");
        } finally {
            sshd.up();
        }
        assertThat(sshd.runs(0)).hasSize(before);
    }

    @Test
    void theDashboardChecksTheLoginAndShowsTheShutdown(@TempDir Path dir) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "skipped: no /usr/bin/chromium (apt-get install chromium)");
        int before = sshd.runs(0).size();
        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        try (TestServer s = site(dir, "2s", "host_key: \"" + sshd.hostKey() + "\"");
             com.microsoft.playwright.Playwright pw = com.microsoft.playwright.Playwright.create(
                     new com.microsoft.playwright.Playwright.CreateOptions().setEnv(
                             Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             com.microsoft.playwright.Browser browser = pw.chromium().launch(
                     new com.microsoft.playwright.BrowserType.LaunchOptions().setExecutablePath(chromium)
                             .setHeadless(true).setArgs(java.util.List.of("--no-sandbox", "--disable-gpu",
                                     "--no-first-run", "--disable-background-networking")))) {
            com.microsoft.playwright.Page page = browser.newContext(
                    new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 700)).newPage();
            String base = "http://127.0.0.1:" + s.app().http().boundAddress().getPort() + "/";
            page.navigate(base);
            page.getByLabel("User").fill("admin");
            page.getByLabel("Password").fill(s.app().initialAdminPassword());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log in")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#banner"))
                    .hasText("Grid power");
            page.navigate(base + "#/hosts");
            com.microsoft.playwright.Locator row = page.locator("tr[data-host=nas]");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row)
                    .containsText("shut down over SSH as " + System.getProperty("user.name"));
            row.getByText("Check SSH").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(".toast.ok"))
                    .containsText("logged in to " + System.getProperty("user.name") + "@" + sshd.address());
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(shots.resolve("ssh-1-check.png")));
            assertThat(sshd.runs(0)).as("the dry run ran nothing").hasSize(before);
            grid(s, false);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row.locator(".badge").first())
                    .hasText("shut down", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                            .setTimeout(15000));
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row)
                    .containsText("exited with status 0");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row.locator("[data-countdown]"))
                    .hasText("–"); // no countdown left for a host that is down
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions()
                    .setPath(shots.resolve("ssh-2-shut-down.png")));
            assertThat(sshd.runs(0)).hasSize(before + 1);
        }
    }

    @Test
    void aConfigurationChangeDuringTheRetriesCarriesOnAndKeepsTheLogin(@TempDir Path dir) throws Exception {
        int before = sshd.runs(0).size();
        sshd.down();
        try (TestServer s = site(dir, "0s", "host_key: \"" + sshd.hostKey() + "\"\nretry_for: 60s")) {
            grid(s, false);
            await().atMost(Duration.ofSeconds(15)).until(() -> host(s) != null && host(s).note() != null
                    && host(s).note().contains("attempt 1 failed"));
            Api admin = Api.of(s).login("admin", s.app().initialAdminPassword());
            // the host form sends only its fields: the SSH login stays as the file has it
            Api.Response edit = admin.put("/api/v1/hosts/nas", "{\"ups\":\"grid\",\"address\":\"" + sshd.address()
                    + "\",\"shutdown_delay\":0,\"display_name\":\"Storage\"}");
            assertThat(edit.status()).as(edit.body()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("gridwatch.yaml"))).contains("Storage").contains("shutdown:")
                    .contains(sshd.key(0).toString());
            assertThat(state(s)).isEqualTo(ClientState.State.SHUTTING_DOWN);
            sshd.up();
            await().atMost(Duration.ofSeconds(20)).until(() -> state(s) == ClientState.State.SHUT_DOWN);
            Thread.sleep(1500);
            assertThat(sshd.runs(0)).as("taken up by the new configuration's service, run once").hasSize(before + 1);
        } finally {
            sshd.up();
        }
    }
}
