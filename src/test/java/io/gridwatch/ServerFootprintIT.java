package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Wire;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server loads only what its configuration uses: run from the jar through the launcher, with a minimal
 * configuration (one dummy UPS, NUT on loopback, history off, no notification channel, no TLS) and asked over
 * NUT and for its dashboard's page, it has loaded no class of the history store (Flyway, SQLite, the pool,
 * PostgreSQL), of a notification channel or its client library (mail, MQTT, HTTP client), of mDNS, of TLS
 * sessions, of SSH, of Prometheus (the registry is made at the first scrape) or of Flight Recorder and the
 * platform's management beans (a request to /healthz loads those: it reads the heap pools).
 */
class ServerFootprintIT {
    static final List<String> FORBIDDEN = List.of("org.flywaydb.", "org.sqlite.", "com.zaxxer.", "org.postgresql.",
            "io.gridwatch.history.Jdbc", "io.gridwatch.history.HistoryWriter", "javax.jmdns.", "com.hivemq.",
            "jakarta.mail.", "org.eclipse.angus.", "jdk.internal.net.http.", "io.gridwatch.notify.EmailChannel",
            "io.gridwatch.notify.MqttChannel", "io.gridwatch.notify.WebhookChannel", "io.gridwatch.notify.HttpPost",
            "io.gridwatch.notify.HomeAssistant", "sun.security.ssl.SSLSocketImpl", "sun.security.ssl.SSLEngineImpl",
            "io.prometheus.", "jdk.jfr.", "com.sun.management.internal.DiagnosticCommandImpl", "org.apache.sshd.",
            "io.gridwatch.coordination.Postgres");

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aMinimalServerLoadsNoHistoryNotificationMdnsTlsOrMetricsCode(@TempDir Path dir) throws Exception {
        int nut = freePort();
        int http = freePort();
        Files.writeString(dir.resolve("ups.dev"), "ups.status: OL\nbattery.charge: 90\n");
        Path yaml = Files.writeString(dir.resolve("gridwatch.yaml"), """
                data_dir: state
                nut:
                  listen: ["127.0.0.1:%d"]
                http:
                  listen: "127.0.0.1:%d"
                history: { enabled: false }
                ups:
                  ups: { driver: dummy, file: ups.dev }
                """.formatted(nut, http));
        Path classes = dir.resolve("classes.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of("gridwatch").toAbsolutePath().toString(), "server", "--config",
                yaml.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("GRIDWATCH_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:class+load=info:file=" + classes);
        pb.environment().put("GRIDWATCH_CDS", "off"); // the class list must not depend on an archive
        Process server = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Wire w = Wire.local(nut)) {
                    return w.ask("GET VAR ups ups.status").equals("VAR ups ups.status \"OL\"");
                }
            });
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> dashboard(http));
            Thread.sleep(2000); // whatever starts in the background has started
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        List<String> loaded = Files.readAllLines(classes).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", "")).toList();
        assertThat(loaded).as("classes loaded").anyMatch(l -> l.startsWith("io.gridwatch.server.NutServer "))
                .anyMatch(l -> l.startsWith("io.gridwatch.api.HttpApi "));
        assertThat(loaded).noneMatch(l -> FORBIDDEN.stream().anyMatch(l::startsWith));
    }

    /** The dashboard's page answers (not /healthz: the health check reads the heap pools, ~400 management classes). */
    static boolean dashboard(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .startsWith("HTTP/1.1 200");
        }
    }
}
