package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gridwatch.testing.ManualClock;
import io.gridwatch.testing.TestCertificates;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email against GreenMail running in this JVM on loopback: plain SMTP, implicit TLS (smtps), STARTTLS through a
 * front that offers it, login, several recipients, the message as a person receives it, a report's charts as
 * inline parts, and an SMTP outage with a restart in between after which each message arrives exactly once.
 */
class EmailChannelTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static GreenMail greenMail(ServerSetup... setups) {
        GreenMail g = new GreenMail(setups).withConfiguration(GreenMailConfiguration.aConfig()
                .withUser("ops@example.com", "alice", "s3cret"));
        g.start();
        return g;
    }

    private static ChannelSpec.Email spec(int port, ChannelSpec.MailTls tls, boolean verify, String user,
                                          String password, List<String> to) {
        return new ChannelSpec.Email("mail", Set.of(NotifyType.POWER_LOST), false, "127.0.0.1", port, tls, verify, user,
                password, "ups@example.com", "Gridwatch", to, "[UPS]", Duration.ofSeconds(10));
    }

    private static Outbox.Item item(Notification n) {
        return new Outbox.Item("id-1", "mail", n, T0, Outbox.State.PENDING, 0, T0, null, null);
    }

    private static Notification powerLost() {
        return Notification.of(NotifyType.POWER_LOST, "rack", "Power lost: rack is on battery",
                "rack went on battery at 2026-11-21 11:00:00. Battery 97 %.", Map.of("charge", "97"), T0);
    }

    @Test
    void plainSmtpWithLoginReachesEveryRecipient() throws Exception {
        GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            new EmailChannel(spec(g.getSmtp().getPort(), ChannelSpec.MailTls.NONE, true, "alice", "s3cret",
                    List.of("a@example.com", "b@example.com"))).send(item(powerLost()));
            assertThat(g.waitForIncomingEmail(5000, 2)).isTrue();
            MimeMessage[] got = g.getReceivedMessages();
            assertThat(got).hasSize(2);
            MimeMessage m = got[0];
            assertThat(m.getSubject()).isEqualTo("[UPS] Power lost: rack is on battery");
            assertThat(m.getFrom()[0].toString()).isEqualTo("Gridwatch <ups@example.com>");
            assertThat(Arrays.stream(m.getAllRecipients()).map(Address::toString))
                    .containsExactly("a@example.com", "b@example.com");
            assertThat(((String) m.getContent()).strip()).isEqualTo("rack went on battery at 2026-11-21 11:00:00. "
                    + "Battery 97 %.");
            assertThat(m.getHeader("X-Gridwatch-Notification")).containsExactly("id-1");
            assertThat(m.getHeader("X-Gridwatch-Type")).containsExactly("power-lost");
        } finally {
            g.stop();
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersWords() throws Exception {
        GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            EmailChannel c = new EmailChannel(spec(g.getSmtp().getPort(), ChannelSpec.MailTls.NONE, true, "alice",
                    "wrong", List.of("a@example.com")));
            assertThatThrownBy(() -> c.send(item(powerLost()))).hasMessageContaining("535");
            assertThat(g.getReceivedMessages()).isEmpty();
        } finally {
            g.stop();
        }
    }

    @Test
    void implicitTlsOnSmtps() throws Exception {
        GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        try {
            int port = g.getSmtps().getPort();
            // GreenMail's certificate is self-signed: refused while verifying, accepted when told not to
            EmailChannel strict = new EmailChannel(spec(port, ChannelSpec.MailTls.SSL, true, "alice", "s3cret",
                    List.of("a@example.com")));
            assertThatThrownBy(() -> strict.send(item(powerLost()))).hasStackTraceContaining("certification path");
            new EmailChannel(spec(port, ChannelSpec.MailTls.SSL, false, "alice", "s3cret", List.of("a@example.com")))
                    .send(item(powerLost()));
            assertThat(g.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(g.getReceivedMessages()[0].getSubject()).isEqualTo("[UPS] Power lost: rack is on battery");
        } finally {
            g.stop();
        }
    }

    @Test
    void startTlsIsNegotiatedAndRequiredWhenLoggingIn(@TempDir Path dir) throws Exception {
        GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        TestCertificates.selfSigned(dir);
        try (StartTlsFront front = new StartTlsFront(io.gridwatch.server.PemTls.load(dir.resolve("cert.pem"),
                dir.resolve("key.pem")), g.getSmtp().getPort())) {
            // auto on a port other than 465 and 26 means STARTTLS
            new EmailChannel(spec(front.port(), ChannelSpec.MailTls.AUTO, false, "alice", "s3cret",
                    List.of("a@example.com"))).send(item(powerLost()));
            assertThat(g.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(front.handshakes.get()).isEqualTo(1);

            // a server that does not offer STARTTLS: with a login, auto refuses to send the password in clear
            EmailChannel toPlain = new EmailChannel(spec(g.getSmtp().getPort(), ChannelSpec.MailTls.AUTO, false,
                    "alice", "s3cret", List.of("a@example.com")));
            assertThatThrownBy(() -> toPlain.send(item(powerLost()))).hasMessageContaining("STARTTLS");
            assertThat(g.getReceivedMessages()).hasSize(1);
        } finally {
            g.stop();
        }
    }

    @Test
    void autoPicksTheSeedsModeByPort() {
        assertThat(spec(465, ChannelSpec.MailTls.AUTO, true, null, null, List.of()).effectiveTls())
                .isEqualTo(ChannelSpec.MailTls.SSL);
        assertThat(spec(26, ChannelSpec.MailTls.AUTO, true, null, null, List.of()).effectiveTls())
                .isEqualTo(ChannelSpec.MailTls.NONE);
        assertThat(spec(587, ChannelSpec.MailTls.AUTO, true, null, null, List.of()).effectiveTls())
                .isEqualTo(ChannelSpec.MailTls.STARTTLS);
        assertThat(spec(25, ChannelSpec.MailTls.AUTO, true, null, null, List.of()).effectiveTls())
                .isEqualTo(ChannelSpec.MailTls.STARTTLS);
        assertThat(spec(2525, ChannelSpec.MailTls.NONE, true, null, null, List.of()).effectiveTls())
                .isEqualTo(ChannelSpec.MailTls.NONE);
    }

    @Test
    void aReportsChartsBecomeInlineParts() throws Exception {
        GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
            String html = "<html><body><h1>rack</h1><img alt=\"charge\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\"></body></html>";
            Notification report = Notification.of(NotifyType.REPORT, "rack", "Daily report: rack", "Daily report.",
                    Map.of(), T0).withHtml(html);
            new EmailChannel(spec(g.getSmtp().getPort(), ChannelSpec.MailTls.NONE, true, null, null,
                    List.of("a@example.com"))).send(item(report));
            assertThat(g.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMultipart alt = (MimeMultipart) g.getReceivedMessages()[0].getContent();
            assertThat(alt.getContentType()).startsWith("multipart/alternative");
            assertThat(((String) alt.getBodyPart(0).getContent()).strip()).isEqualTo("Daily report.");
            MimeMultipart related = (MimeMultipart) alt.getBodyPart(1).getContent();
            String page = (String) related.getBodyPart(0).getContent();
            assertThat(page).contains("src=\"cid:chart0@gridwatch\"").doesNotContain("data:image");
            assertThat(related.getBodyPart(1).getContentType()).startsWith("image/png");
            assertThat(related.getBodyPart(1).getHeader("Content-ID")).containsExactly("<chart0@gridwatch>");
            assertThat(related.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(png);
        } finally {
            g.stop();
        }
    }

    @Test
    void anSmtpOutageAndARestartLoseNothingAndRepeatNothing(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ManualClock clock = new ManualClock(T0);
        Path file = dir.resolve("outbox.json");
        EmailChannel mail = new EmailChannel(spec(port, ChannelSpec.MailTls.NONE, true, null, null,
                List.of("a@example.com")));
        Outbox first = new Outbox(file, clock, Duration.ofDays(1));
        first.enqueue("mail", powerLost());
        first.enqueue("mail", Notification.of(NotifyType.LOW_BATTERY, "rack", "Low battery: rack", "rack: 18 %",
                Map.of(), T0));
        new Dispatcher(first, Map.of("mail", mail)).run(); // nobody listens yet
        assertThat(first.all()).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(Outbox.State.PENDING);
            assertThat(i.lastError()).contains("Connection refused");
        });

        Outbox afterRestart = new Outbox(file, clock, Duration.ofDays(1));
        GreenMail g = greenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            Dispatcher d = new Dispatcher(afterRestart, Map.of("mail", mail));
            d.run();
            assertThat(g.getReceivedMessages()).as("not due before the retry time").isEmpty();
            clock.advance(Duration.ofSeconds(31));
            d.run();
            clock.advance(Duration.ofHours(2));
            d.run();
            assertThat(g.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(Arrays.stream(g.getReceivedMessages()).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            })).containsExactlyInAnyOrder("[UPS] Power lost: rack is on battery", "[UPS] Low battery: rack");
            assertThat(afterRestart.all()).allSatisfy(i -> assertThat(i.state()).isEqualTo(Outbox.State.DELIVERED));
        } finally {
            g.stop();
        }
    }
}
