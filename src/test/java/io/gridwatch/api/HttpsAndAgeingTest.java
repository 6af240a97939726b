package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.tls.TlsTrust;
import io.gridwatch.hub.ClientState;
import io.gridwatch.testing.TestCertificates;
import io.gridwatch.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a configured certificate (and Secure cookies), and how client reports age into stale and offline. */
class HttpsAndAgeingTest {
    @TempDir
    Path dir;

    @Test
    void httpsServesTheApiAndMarksTheCookieSecure() throws Exception {
        TestCertificates.selfSigned(dir);
        Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        try (TestServer s = TestServer.start(dir, """
                nut: { listen: ["127.0.0.1:0"] }
                http:
                  listen: "127.0.0.1:0"
                  tls: { certificate: cert.pem, key: key.pem }
                ups:
                  u: { driver: dummy, file: u.dev }
                """, Map.of())) {
            HttpClient https = HttpClient.newBuilder().sslContext(TlsTrust.trustAll()).build();
            URI base = URI.create("https://127.0.0.1:" + s.app().http().boundAddress().getPort());
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                            + s.app().initialAdminPassword() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
            assertThat(login.headers().firstValue("Strict-Transport-Security")).as("HSTS under HTTPS")
                    .hasValue("max-age=31536000");
            HttpClient plain = HttpClient.newHttpClient();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> plain.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.app().http().boundAddress().getPort()
                            + "/version")).build(), HttpResponse.BodyHandlers.ofString()))).isNotNull();
        }
    }

    @Test
    void reportsGoStaleAndShuttingDownHostsGoOffline() {
        Instant t0 = Instant.parse("2026-11-21T12:00:00Z");
        Duration stale = Duration.ofSeconds(150);
        Duration offline = Duration.ofMinutes(3);
        ClientState online = new ClientState("nas", "127.0.0.10", ClientState.State.ONLINE, null, null, t0, "agent", true);
        assertThat(Views.client(online, t0.plusSeconds(149), stale, offline).get("stale")).isEqualTo(false);
        assertThat(Views.client(online, t0.plusSeconds(151), stale, offline).get("stale")).isEqualTo(true);
        ClientState pending = new ClientState("nas", null, ClientState.State.SHUTDOWN_PENDING, 300, 600, t0, "agent", true);
        assertThat(Views.client(pending, t0.plusSeconds(100), stale, offline).get("remaining_seconds")).isEqualTo(200L);
        assertThat(Views.client(pending, t0.plusSeconds(400), stale, offline).get("remaining_seconds")).isEqualTo(0L);
        ClientState down = new ClientState("nas", null, ClientState.State.SHUTTING_DOWN, null, null, t0, "agent", true);
        Map<String, Object> later = Views.client(down, t0.plusSeconds(181), stale, offline);
        assertThat(later.get("offline")).isEqualTo(true);
        assertThat(later.get("stale")).as("offline, not stale").isEqualTo(false);
        ClientState woken = new ClientState("nas", null, ClientState.State.WOL_SENT, null, null, t0, "server", true);
        assertThat(Views.client(woken, t0.plusSeconds(3600), stale, offline).get("stale"))
                .as("the server's own notes do not go stale").isEqualTo(false);
    }
}
