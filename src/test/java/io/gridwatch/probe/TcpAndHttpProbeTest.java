package io.gridwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gridwatch.server.PemTls;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP and HTTP(S) probes against real servers on loopback and a namespace host the test darkens. */
class TcpAndHttpProbeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void tcpAListeningPortIsUp() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, LOOPBACK)) {
            ProbeResult r = new TcpProbe("127.0.0.1", s.getLocalPort()).probe(Duration.ofSeconds(1));
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.UP);
            assertThat(r.rtt()).isNotNull();
        }
    }

    @Test
    void tcpARefusedConnectionStillMeansTheHostIsAlive() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 5, LOOPBACK)) {
            port = s.getLocalPort();
        }
        ProbeResult r = new TcpProbe("127.0.0.1", port).probe(Duration.ofSeconds(1));
        assertThat(r.outcome()).as("a refusal is an answer from a powered host").isEqualTo(ProbeResult.Outcome.UP);
    }

    @Test
    void tcpADarkHostIsDown() throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Netns hosts = Netns.create(1)) {
            TcpProbe p = new TcpProbe(hosts.address(0), 22);
            assertThat(p.probe(Duration.ofSeconds(1)).outcome()).as("refused by the live namespace host")
                    .isEqualTo(ProbeResult.Outcome.UP);
            hosts.down(0);
            ProbeResult r = p.probe(Duration.ofMillis(500));
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
        }
    }

    @Test
    void httpTheExpectedStatusIsUpAnyOtherIsDown() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 5);
        s.createContext("/ok", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/ok");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        s.createContext("/broken", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        s.start();
        try {
            String base = "http://127.0.0.1:" + s.getAddress().getPort();
            assertThat(new HttpProbe(URI.create(base + "/ok"), 200).probe(Duration.ofSeconds(2)).outcome())
                    .isEqualTo(ProbeResult.Outcome.UP);
            assertThat(new HttpProbe(URI.create(base + "/moved"), 301).probe(Duration.ofSeconds(2)).outcome())
                    .as("redirects are not followed, so a 301 can be expected").isEqualTo(ProbeResult.Outcome.UP);
            ProbeResult broken = new HttpProbe(URI.create(base + "/broken"), 200).probe(Duration.ofSeconds(2));
            assertThat(broken.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(broken.detail()).isEqualTo("HTTP 503, expected 200");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void httpAServerThatNeverAnswersIsDownAtTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket s = new ServerSocket(0, 5, LOOPBACK)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(s.accept()); // read nothing, answer nothing
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            ProbeResult r = new HttpProbe(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/"), 200)
                    .probe(Duration.ofMillis(300));
            assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(r.detail()).isEqualTo("no answer within 300 ms");
            acceptor.interrupt();
        } finally {
            for (Socket h : held) {
                h.close();
            }
        }
    }

    @Test
    void httpsWithASelfSignedCertificateForAnotherNameCountsAsAnAnswer(@TempDir Path dir) throws Exception {
        TestCertificates.selfSigned(dir);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.2", 0), 5);
        s.setHttpsConfigurator(new HttpsConfigurator(PemTls.load(dir.resolve("cert.pem"), dir.resolve("key.pem"))));
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        try {
            // self-signed, and for a name the URL does not use (a router's admin page reached by address)
            ProbeResult other = new HttpProbe(URI.create("https://127.0.0.2:" + s.getAddress().getPort() + "/"), 200)
                    .probe(Duration.ofSeconds(5));
            assertThat(other.outcome()).as(String.valueOf(other.detail())).isEqualTo(ProbeResult.Outcome.UP);
        } finally {
            s.stop(0);
        }
    }
}
