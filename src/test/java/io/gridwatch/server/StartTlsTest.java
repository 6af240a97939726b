package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutSession;
import io.gridwatch.tls.TlsTrust;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Programs;
import io.gridwatch.testing.TestCertificates;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import io.gridwatch.testing.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS with a PEM certificate: the real upsmon (NSS, certificate verified, TLS forced), upsc, our client. */
class StartTlsTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.selfSigned(dir);
        server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                  tls: { certificate: cert.pem, key: key.pem }
                  users:
                    monuser: { password: monpass, upsmon: secondary }
                ups:
                  ups: { driver: dummy, file: ups.dev }
                """, Map.of("ups.dev", "ups.status: OL\nbattery.charge: 97\n"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void upsmonWithForcedVerifiedTlsLogsIn() throws Exception {
        Path nss = dir.resolve("nss");
        TestCertificates.nssDatabase(nss, dir.resolve("cert.pem"));
        UpsName ups = UpsName.of("ups");
        try (Upsmon upsmon = Upsmon.start(dir.resolve("upsmon"), "upsmon", "MONITOR ups@127.0.0.1:" + server.port()
                + " 1 monuser monpass secondary", "POLLFREQ 1\nCERTPATH " + nss + "\nCERTVERIFY 1\nFORCESSL 1\n")) {
            Upsmon.await(() -> server.app().logins().count(ups) == 1, upsmon);
            assertThat(server.app().logins().sessions(ups)).singleElement()
                    .satisfies(s -> assertThat(s.tls()).as("upsmon's session is encrypted").isTrue());
        }
    }

    @Test
    void upscWorksOverStartTls() throws Exception {
        Programs.Result r = Programs.run(List.of("upsc", "ups@127.0.0.1:" + server.port(), "battery.charge"));
        assertThat(r.stdout()).isEqualTo("97\n");
    }

    @Test
    void ourClientVerifiesTheCertificate() throws Exception {
        try (NutClient c = NutClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            assertThat(c.startTls(TlsTrust.fromPem(dir.resolve("cert.pem")))).isTrue();
            assertThat(c.isTls()).isTrue();
            assertThat(new NutSession(c).getVar("ups", "ups.status")).isEqualTo("OL");
        }
    }

    @Test
    void ourClientRefusesAnUntrustedCertificate(@TempDir Path other) throws Exception {
        TestCertificates.selfSigned(other);
        try (NutClient c = NutClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.startTls(TlsTrust.fromPem(other.resolve("cert.pem"))))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void startTlsTwiceIsRefused() throws Exception {
        try (NutClient c = NutClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            c.startTls(TlsTrust.trustAll());
            assertThat(c.call(new io.gridwatch.protocol.Request.StartTls())).isEqualTo("ERR ALREADY-SSL-MODE");
        }
    }

    @Test
    void plainClientsStillServed() throws Exception {
        try (Wire w = server.wire()) {
            assertThat(w.ask("GET VAR ups ups.status")).isEqualTo("VAR ups ups.status \"OL\"");
        }
    }
}
