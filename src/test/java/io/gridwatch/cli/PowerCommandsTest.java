package io.gridwatch.cli;

import static io.gridwatch.cli.CliAgainstRealUpsdTest.ours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.FakeSentinel;
import io.gridwatch.testing.Programs;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Wire;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwatch drill}, {@code gridwatch wol} and {@code gridwatch import} as a user types them. */
class PowerCommandsTest {
    @TempDir
    Path dir;

    @Test
    void drillStartAndStopOverTheNutProtocol() throws Exception {
        try (FakeSentinel sentinel = new FakeSentinel();
             TestServer s = TestServer.start(dir, """
                     nut:
                       listen: ["127.0.0.1:0"]
                       users:
                         admin: { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                         viewer: { password: viewpass }
                     ups:
                       grid:
                         driver: sentinel
                         sentinels: { router: { probe: http, url: "%s" } }
                         interval: 100ms
                       rack: { driver: dummy, file: rack.dev }
                     """.formatted(sentinel.url()), Map.of("rack.dev", "ups.status: OL\n"))) {
            String ups = "grid@127.0.0.1:" + s.port();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(s).startsWith("OL"));

            Programs.Result start = ours("drill", "start", ups, "--for", "10m", "-u", "admin", "-p", "adminpass");
            assertThat(start.stderr()).isEmpty();
            assertThat(start.stdout()).isEqualTo("Drill started on grid for 10m\n");
            assertThat(start.exitCode()).isZero();
            assertThat(status(s)).isEqualTo("OB DISCHRG");
            assertThat(value(s, "ups.simulation")).isEqualTo("true");
            assertThat(s.app().hub().snapshot(UpsName.of("grid")).drill().until()).as("--for 10m").isNotNull();

            Programs.Result again = ours("drill", "start", ups, "-u", "admin", "-p", "adminpass");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).isEqualTo("Error: no drill started (one may be running already) on grid (ERR FAILED)\n");

            Programs.Result stop = ours("drill", "stop", ups, "-u", "admin", "-p", "adminpass");
            assertThat(stop.stdout()).isEqualTo("Drill stopped on grid\n");
            assertThat(stop.exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(s).startsWith("OL"));

            Programs.Result denied = ours("drill", "start", ups, "-u", "viewer", "-p", "viewpass");
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.stderr()).isEqualTo("Error: Access denied\n");

            Programs.Result dummy = ours("drill", "start", "rack@127.0.0.1:" + s.port(), "-u", "admin", "-p", "adminpass");
            assertThat(dummy.exitCode()).isEqualTo(1);
            assertThat(dummy.stderr()).contains("drills apply to sentinel, gpio and command UPSes");

            Programs.Result typo = ours("drill", "begin", ups, "-u", "admin", "-p", "adminpass");
            assertThat(typo.exitCode()).isEqualTo(2);
        }
    }

    private static String status(TestServer s) throws Exception {
        return value(s, "ups.status");
    }

    private static String value(TestServer s, String var) throws Exception {
        try (Wire w = s.wire()) {
            String reply = w.ask("GET VAR grid " + var);
            return reply.startsWith("VAR ") ? reply.substring(reply.indexOf('"') + 1, reply.length() - 1) : reply;
        }
    }

    @Test
    void wolSendsAMagicPacketToTheGivenAddress() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            Programs.Result r = ours("wol", "00:11:22:aa:bb:cc", "--broadcast", "127.0.0.1",
                    "--port", Integer.toString(receiver.getLocalPort()));
            assertThat(r.stderr()).isEmpty();
            assertThat(r.stdout()).isEqualTo("Magic packet for 00:11:22:aa:bb:cc sent to 127.0.0.1:"
                    + receiver.getLocalPort() + "\n");
            assertMagicPacket(receiver, "001122aabbcc");
        }
    }

    @Test
    void wolWakesAConfiguredHostByName() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            Files.writeString(dir.resolve("rack.dev"), "ups.status: OL\n");
            Path config = Files.writeString(dir.resolve("gridwatch.yaml"), """
                    ups:
                      rack: { driver: dummy, file: rack.dev }
                    recovery: { port: %d }
                    hosts:
                      nas: { address: 127.0.0.1, mac: "52-54-00-12-34-56", broadcast: 127.0.0.1, wake: true }
                      pi:  { address: 127.0.0.1 }
                    """.formatted(receiver.getLocalPort()));
            Programs.Result r = ours("wol", "nas", "--config", config.toString());
            assertThat(r.stderr()).isEmpty();
            assertThat(r.exitCode()).isZero();
            assertMagicPacket(receiver, "525400123456");

            try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                other.setSoTimeout(5000);
                Programs.Result port = ours("wol", "nas", "--config", config.toString(), "--port",
                        Integer.toString(other.getLocalPort()));
                assertThat(port.stdout()).as("--port wins over recovery.port")
                        .isEqualTo("Magic packet for 52-54-00-12-34-56 sent to 127.0.0.1:" + other.getLocalPort() + "\n");
                assertMagicPacket(other, "525400123456");
            }

            Programs.Result noMac = ours("wol", "pi", "--config", config.toString());
            assertThat(noMac.exitCode()).isEqualTo(2);
            assertThat(noMac.stderr()).isEqualTo("Error: no host 'pi' with a mac in " + config + "\n");
        }
    }

    @Test
    void wolWithoutAMacOrConfigSaysWhatToGive() {
        Programs.Result r = ours("wol", "nas");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("Error: 'nas' is not a MAC address; to wake a configured host, give --config\n");
    }

    private static void assertMagicPacket(DatagramSocket receiver, String macHex) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[512], 512);
        receiver.receive(p);
        byte[] got = Arrays.copyOf(p.getData(), p.getLength());
        assertThat(got).hasSize(102);
        assertThat(HexFormat.of().formatHex(got)).isEqualTo("ff".repeat(6) + macHex.repeat(16));
    }

    @Test
    void importOfASingleFileWritesAConfigThatChecksOutAndNamesWhatItLeftBehind() throws Exception {
        Path seed = Files.writeString(dir.resolve("power_manager.conf"), PowerManagerSeed.TEXT);
        Path out = dir.resolve("imported.yaml");
        Programs.Result r = ours("import", "power-manager", seed.toString(), "--output", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Files.readString(out)).startsWith("# Imported from " + seed).contains("driver: sentinel");
        assertThat(r.stdout()).contains("Wrote " + out, "power_manager.conf:", "DEBUG_MODE: use --log-level debug");
        Programs.Result check = ours("check-config", out.toString());
        assertThat(check.stdout()).isEqualTo(out + ": OK (1 UPS, 1 NUT users, NUT on 127.0.0.1:3493, [::1]:3493)\n");
        assertThat(check.exitCode()).isZero();

        Programs.Result unknown = ours("import", "nutify", seed.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unmatched argument", "'nutify'");
        Programs.Result missing = ours("import", "power-manager", dir.resolve("nope.conf").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("Error: " + dir.resolve("nope.conf") + " is not a file; nothing written\n");
    }

    /** A small seed config for the CLI round trip. */
    static final class PowerManagerSeed {
        static final String TEXT = """
                SENTINEL_HOSTS="192.168.1.1 192.168.1.2"
                WOL_DELAY_MINUTES=2
                DEBUG_MODE=true
                [WAKE_HOST_1]
                NAME=nas
                IP=192.168.1.10
                MAC=AA:BB:CC:DD:EE:01
                SHUTDOWN_DELAY_MINUTES=5
                """;
    }
}
