package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Fixtures;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Wire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAXCONN, the idle timeout, bounded buffering for clients that never read, one write per reply, IPv6. */
class ServerLimitsTest {

    @Test
    void clientThatNeverReadsIsStoppedNotBuffered(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir);
             SocketChannel greedy = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            greedy.configureBlocking(false);
            ByteBuffer requests = ByteBuffer.wrap("LIST VAR ups\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
            long written = 0;
            long stalledSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - stalledSince < 1_000_000_000L) {
                if (!requests.hasRemaining()) {
                    requests.rewind();
                }
                int n = greedy.write(requests);
                written += n;
                if (n > 0) {
                    stalledSince = System.nanoTime();
                }
            }
            // each 13-byte request asks for a ~600-byte reply: a server that kept reading would keep buffering
            // replies and the client could go on writing; ours stops reading until its replies are read
            assertThat(System.nanoTime() - stalledSince).as("the server stopped accepting requests")
                    .isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(written).as("requests the server let in before stopping").isLessThan(16L << 20);
            assertThat(server.app().nutServer().maxBufferedBytes()).as("bytes held for the greedy client")
                    .isGreaterThan(0).isLessThan(Connection.OUTPUT_HIGH_WATER + 64 * 1024);
            try (Wire other = server.wire()) {
                assertThat(other.ask("GET VAR ups ups.status")).isEqualTo("VAR ups ups.status \"OL\"");
            }
        }
    }

    @Test
    void maxconnRefusesConnectionsBeyondTheLimit(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir, "  maxconn: 3")) {
            List<Wire> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Wire w = server.wire();
                assertThat(w.ask("VER")).startsWith("Network UPS Tools");
                held.add(w);
            }
            try (Wire fourth = server.wire()) {
                assertThat(fourth.closedByServer()).isTrue();
            }
            held.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.app().nutServer().connectionCount() == 2);
            try (Wire again = server.wire()) {
                assertThat(again.ask("VER")).startsWith("Network UPS Tools");
            }
            assertThat(server.app().nutServer().refusedCount()).isEqualTo(1);
            for (Wire w : held) {
                w.close();
            }
        }
    }

    @Test
    void idleClientsAreDisconnected(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir, "  idle_timeout: 1s");
             Wire w = server.wire()) {
            assertThat(w.ask("VER")).startsWith("Network UPS Tools");
            assertThat(w.closedByServer()).as("closed after a second of silence").isTrue();
        }
    }

    @Test
    void wholeListReplyArrivesInOneWrite(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir); Wire w = server.wire()) {
            w.send("LIST VAR ups\n");
            String chunk = w.readChunk(64 * 1024);
            assertThat(chunk).startsWith("BEGIN LIST VAR ups\n").endsWith("END LIST VAR ups\n");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderInOneWrite(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir); Wire w = server.wire()) {
            w.send("NETVER\nGET VAR ups battery.runtime\nLIST UPS\nHELP\n");
            assertThat(w.readChunk(64 * 1024)).isEqualTo("1.3\nVAR ups battery.runtime \"1800\"\n"
                    + "BEGIN LIST UPS\nUPS ups \"Test UPS\"\nEND LIST UPS\n" + CommandHandler.HELP + "\n");
        }
    }

    @Test
    void ipv6ListenerAndClientAddresses(@TempDir Path dir) throws Exception {
        String yaml = Fixtures.yaml("").replace("listen: [\"127.0.0.1:0\"]", "listen: [\"[::1]:0\"]");
        try (TestServer server = TestServer.start(dir, yaml, java.util.Map.of("ups.dev", Fixtures.DEV));
             Wire w = new Wire("::1", server.port())) {
            w.ask("USERNAME monsecondary");
            w.ask("PASSWORD secondarypass");
            assertThat(w.ask("LOGIN ups")).isEqualTo("OK");
            w.send("LIST CLIENT ups\n");
            assertThat(w.line()).isEqualTo("BEGIN LIST CLIENT ups");
            assertThat(w.line()).isEqualTo("CLIENT ups ::1");
            assertThat(server.app().logins().count(UpsName.of("ups"))).isEqualTo(1);
        }
    }

    @Test
    void manyConcurrentClientsAreServed(@TempDir Path dir) throws Exception {
        try (TestServer server = Fixtures.start(dir)) {
            List<Wire> wires = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    wires.add(server.wire());
                }
                for (Wire w : wires) {
                    w.send("GET VAR ups ups.status\n");
                }
                for (Wire w : wires) {
                    assertThat(w.line()).isEqualTo("VAR ups ups.status \"OL\"");
                }
            } finally {
                for (Wire w : wires) {
                    w.close();
                }
            }
        }
    }
}
