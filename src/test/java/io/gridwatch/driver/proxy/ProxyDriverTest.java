package io.gridwatch.driver.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.protocol.NutError;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driver: nut} against the real upsd 2.8.0 with dummy-ups: Gridwatch serves the upstream UPS's variables,
 * RW descriptions and commands as its own, follows changes, relays SET VAR and INSTCMD with the upstream's
 * TRACKING result, and turns a dead upstream into stale data.
 */
class ProxyDriverTest {
    static final String USERS = """
            [admin]
              password = adminpass
              actions = SET
              instcmds = ALL
            """;

    @Test
    void mirrorsRelaysAndGoesStale(@TempDir Path dir) throws Exception {
        RealNut real = RealNut.start(dir.resolve("nut"), List.of(new RealNut.Device("ups", "Basement UPS",
                "ups.status: OL\nbattery.charge: 88\nbattery.voltage: 13.6\nups.load: 21\ninput.voltage: 230.1\n"
                        + "ups.delay.shutdown: 20\n")), USERS);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("gw")), """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    admin: { password: adminpass, actions: [SET], instcmds: [all] }
                ups:
                  mirror:
                    driver: nut
                    upstream: ups@127.0.0.1:%d
                    user: admin
                    password: adminpass
                    poll: 200ms
                """.formatted(real.port()), Map.of());
             NutSession upstream = session(real.port());
             NutSession ours = session(server.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> has(ours, "battery.charge"));
            assertThat(ours.listVars("mirror")).as("every variable, with the upstream's values")
                    .isEqualTo(upstream.listVars("ups"));
            assertThat(ours.listRw("mirror")).isEqualTo(upstream.listRw("ups"));
            for (String rw : upstream.listRw("ups").keySet()) {
                assertThat(ours.getType("mirror", rw)).as("type of " + rw).isEqualTo(upstream.getType("ups", rw));
            }
            assertThat(ours.listCommands("mirror")).isEqualTo(upstream.listCommands("ups"));

            Files.writeString(real.devFile("ups"), "ups.status: OB DISCHRG\nbattery.charge: 61\nbattery.voltage: 12.1\n"
                    + "ups.load: 21\ninput.voltage: 0\nups.delay.shutdown: 20\n");
            await().atMost(Duration.ofSeconds(15)).until(() -> ours.getVar("mirror", "ups.status").equals("OB DISCHRG"));
            assertThat(ours.getVar("mirror", "battery.charge")).isEqualTo("61");

            ours.authenticate("admin", "adminpass");
            ours.setTracking(true);
            String id = ours.setVar("mirror", "ups.delay.shutdown", "40");
            await().atMost(Duration.ofSeconds(20)).until(() -> !ours.tracking(id).equals("PENDING"));
            assertThat(ours.tracking(id)).isEqualTo("SUCCESS");
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.getVar("ups", "ups.delay.shutdown").equals("40"));
            await().atMost(Duration.ofSeconds(10)).until(() -> ours.getVar("mirror", "ups.delay.shutdown").equals("40"));

            List<String> commands = ours.listCommands("mirror");
            if (!commands.isEmpty()) {
                String cmd = ours.instCmd("mirror", commands.get(0), null);
                await().atMost(Duration.ofSeconds(20)).until(() -> !ours.tracking(cmd).equals("PENDING"));
                assertThat(ours.tracking(cmd)).as("the upstream's answer to " + commands.get(0))
                        .isIn("SUCCESS", "ERR UNKNOWN", "ERR FAILED");
            }

            real.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> ours.getVar("mirror", "battery.charge")).isInstanceOf(NutException.class)
                            .satisfies(e -> assertThat(((NutException) e).error()).isIn(NutError.DATA_STALE,
                                    NutError.DRIVER_NOT_CONNECTED)));
        } finally {
            real.close();
        }
    }

    /** The upstream gone for a while (its backoff grown), then back: fresh data again within 5 s of it answering. */
    @Test
    void reconnectsWithinFiveSecondsOfTheUpstreamAnsweringAgain(@TempDir Path dir) throws Exception {
        List<RealNut.Device> devices = List.of(new RealNut.Device("ups", "Basement UPS",
                "ups.status: OL\nbattery.charge: 88\n"));
        RealNut real = RealNut.start(dir.resolve("nut"), devices, USERS);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("gw")), """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  mirror: { driver: nut, upstream: "ups@127.0.0.1:%d", poll: 200ms }
                """.formatted(real.port()), Map.of());
             NutSession ours = session(server.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> has(ours, "battery.charge"));
            real.stopUpsd();
            await().atMost(Duration.ofSeconds(10)).until(() -> !has(ours, "battery.charge"));
            Thread.sleep(20_000); // long enough for a 30 s backoff to have been reached, had it stayed
            real.startUpsd(devices);
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> has(ours, "battery.charge"));
            long tookMs = (System.nanoTime() - back) / 1_000_000;
            assertThat(tookMs).as("fresh data again %d ms after upsd answered", tookMs).isLessThan(5000);
        } finally {
            real.close();
        }
    }

    private static boolean has(NutSession s, String var) {
        try {
            s.getVar("mirror", var);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static NutSession session(int port) throws Exception {
        return new NutSession(NutClient.connect("127.0.0.1", port, Duration.ofSeconds(5)));
    }

    @Test
    void overStartTlsWithAVerifiedCertificate(@TempDir Path dir) throws Exception {
        Path up = Files.createDirectories(dir.resolve("upstream"));
        io.gridwatch.testing.TestCertificates.selfSigned(up);
        try (TestServer upstream = TestServer.start(up, """
                nut:
                  listen: ["127.0.0.1:0"]
                  tls: { certificate: cert.pem, key: key.pem }
                ups:
                  ups: { driver: dummy, file: ups.dev }
                """, Map.of("ups.dev", "ups.status: OL\nbattery.charge: 77\n"));
             TestServer mirror = TestServer.start(Files.createDirectories(dir.resolve("mirror")), """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  mirror:
                    driver: nut
                    upstream: ups@127.0.0.1:%d
                    tls: require
                    cafile: %s
                    poll: 200ms
                """.formatted(upstream.port(), up.resolve("cert.pem")), Map.of());
             NutSession ours = session(mirror.port())) {
            // tls: require: had STARTTLS (verified against the CA file) failed, the mirror would never connect
            assertThat(ours.getVar("mirror", "battery.charge")).isEqualTo("77");
        }
    }
}
