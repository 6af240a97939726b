package io.gridwatch.powmonman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.cli.CliRunner;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PowMonMan's rc.yaml imported and served to a PowMonMan client stand-in written from the seed contract: it
 * listens for the announce on UDP, connects to the datagram's source on TCP and reads one answer, as PowMonMan's
 * client v0.0.1 does. The Pi's pin is a gpioget stand-in reading a file; announces go to loopback only.
 */
class PowMonManProtocolTest {
    static final String RC = """
            ServerClient:
              port_number: %d
              udp_port_number: %d
              server_ip: []
              shutdown_time: 600
              client_poll_rate: 5
              max_client_connections_attempts: 5

            Platform:
              linux:
                shutdown_command: "sudo shutdown -h now"
                log_dir:          "/var/log/PowMonMan/"
                power_check_file: "/var/local/PowMonMan/ON"

            PowerCheck:
              module: "RPi"

            Modules:
              RPi:
                status_pin: 17
            """;

    /** What the client stand-in received: the datagram's bytes, its source, and when. */
    record Announce(byte[] payload, InetAddress from, long nanos) {
    }

    static Announce listen(DatagramSocket s) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return new Announce(Arrays.copyOf(p.getData(), p.getLength()), p.getAddress(), System.nanoTime());
    }

    /** One status request as PowMonMan's client makes it: connect, read to the end, nothing sent. */
    static String ask(InetAddress server, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server, port), 2000);
            s.setSoTimeout(5000);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void anUnmodifiedClientFindsTheServerAndReadsOnThenOffAfterAnOutage(@TempDir Path dir) throws Exception {
        int tcp = RealNut.freePort();
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(10_000); // the client's own receive timeout
            int udp = client.getLocalPort();
            Path rc = Files.writeString(dir.resolve("rc.yaml"), RC.formatted(tcp, udp));
            Path file = dir.resolve("gridwatch.yaml");
            CliRunner.Run r = CliRunner.run("import", "powmonman", rc.toString(), "--output", file.toString(),
                    "--http-listen", "127.0.0.1:0");
            assertThat(r.code()).as(r.err()).isZero();
            String yaml = Files.readString(file);
            assertThat(yaml).contains("driver: gpio", "chip: gpiochip0", "line: \"17\"",
                    "listen: [\"0.0.0.0:" + tcp + "\"]", "announce: [\"255.255.255.255:" + udp + "\"]", "interval: 5s");
            assertThat(r.out()).contains("rc.yaml:5: ServerClient.shutdown_time", "rc.yaml:10: Platform.linux",
                    "PowMonMan clients are answered on plain TCP on every address");

            // the test's stand-ins: a gpioget that reads a file instead of the Pi's line 17, loopback instead of
            // the broadcast address and every address
            Path pin = Files.writeString(dir.resolve("pin"), "1\n");
            Path gpioget = dir.resolve("gpioget");
            Files.writeString(gpioget, "#!/bin/sh\n[ \"$1 $2\" = \"gpiochip0 17\" ] || exit 1\ncat '" + pin + "'\n");
            Files.setPosixFilePermissions(gpioget, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(file, yaml.replace("chip: gpiochip0", "chip: gpiochip0\n    gpioget: \"" + gpioget + "\"")
                    .replace("0.0.0.0:" + tcp, "127.0.0.1:" + tcp).replace("255.255.255.255:" + udp, "127.0.0.1:" + udp));
            try (TestServer s = TestServer.load(file)) {
                Announce first = listen(client);
                assertThat(first.payload()).as("byte for byte").isEqualTo("PowMonMan Server!".getBytes(StandardCharsets.UTF_8));
                assertThat(first.payload()).hasSize(17);
                Announce second = listen(client);
                assertThat(second.payload()).isEqualTo(first.payload());
                assertThat(Duration.ofNanos(second.nanos() - first.nanos())).as("every 5 s, as PowMonMan's server")
                        .isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));
                assertThat(ask(second.from(), tcp)).as("exactly, in one write, then closed").isEqualTo("on");

                Files.writeString(pin, "0\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> ask(listen(client).from(), tcp).equals("off"));
                assertThat(s.app().hub().snapshot(io.gridwatch.hub.UpsName.of("ups")).status().onBattery()).isTrue();
                Files.writeString(pin, "1\n");
                await().atMost(Duration.ofSeconds(20)).until(() -> ask(second.from(), tcp).equals("on"));
            }
        }
    }

    @Test
    void aServerThatDoesNotKnowSaysNothingRatherThanGuess(@TempDir Path dir) throws Exception {
        int tcp = RealNut.freePort();
        RealNut upstream = RealNut.start(Files.createDirectories(dir.resolve("nut")),
                java.util.List.of(new RealNut.Device("ups", null, "ups.status: OL\n")), "");
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("gw")), """
                ups:
                  ups: { driver: nut, upstream: "ups@127.0.0.1:%d", poll: 200ms, timeout: 1s }
                powmonman:
                  listen: ["127.0.0.1:%d"]
                  announce: ["127.0.0.1:9"]
                  interval: 1s
                """.formatted(upstream.port(), tcp), java.util.Map.of())) {
            // the proxy says WAIT until its first read of the upstream: no answer until then either
            await().atMost(Duration.ofSeconds(10)).until(() -> ask(InetAddress.getLoopbackAddress(), tcp).equals("on"));
            upstream.close(); // the UPS's data stop: Gridwatch no longer knows the grid's state
            await().atMost(Duration.ofSeconds(20)).until(() -> ask(InetAddress.getLoopbackAddress(), tcp).isEmpty());
            assertThat(s.app().powmonman().answer()).as("unknown: neither on nor off").isNull();
        } finally {
            upstream.close();
        }
    }

    @Test
    void clientsThatConnectAndNeverReadCannotHoldUpTheOthers(@TempDir Path dir) throws Exception {
        int tcp = RealNut.freePort();
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        try (TestServer s = TestServer.start(dir, """
                ups:
                  ups: { driver: gpio, value_file: "%s", interval: 100ms }
                powmonman:
                  listen: ["127.0.0.1:%d"]
                  announce: ["127.0.0.1:9"]
                """.formatted(pin, tcp), java.util.Map.of())) {
            java.util.List<Socket> idle = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) { // more than the accept queue; none of them reads or sends
                    Socket x = new Socket();
                    x.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp), 2000);
                    idle.add(x);
                }
                assertThat(ask(InetAddress.getLoopbackAddress(), tcp)).as("nothing is read from a client, so "
                        + "an idle one costs one short write").isEqualTo("on");
            } finally {
                for (Socket x : idle) {
                    x.close();
                }
            }
        }
    }
}
