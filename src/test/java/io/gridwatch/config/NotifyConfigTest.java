package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.notify.ChannelSpec;
import io.gridwatch.notify.NotifySettings;
import io.gridwatch.notify.NotifyType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notify:} section: every channel type binds, and each mistake is named with its line and key. */
class NotifyConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoaderTest base = new ConfigLoaderTest();

    private static final String UPS = "ups: { r: { driver: dummy, file: r.dev } }\n";

    private NotifySettings load(String notify) throws Exception {
        base.dir = dir;
        java.nio.file.Files.writeString(dir.resolve("r.dev"), "ups.status: OL\n");
        return base.load("notify:\n" + notify + UPS).notifications();
    }

    private List<String> problems(String notify) {
        base.dir = dir;
        try {
            java.nio.file.Files.writeString(dir.resolve("r.dev"), "ups.status: OL\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return base.problems("notify:\n" + notify + UPS);
    }

    @Test
    void everyChannelTypeBinds() throws Exception {
        NotifySettings s = load("""
                  expire_after: 6h
                  rate_limits: { client-stale: 30m }
                  templates:
                    power-lost: { title: "{ups} on battery" }
                  reports: { daily: true, at: "06:30" }
                  channels:
                    mail: { type: email, host: smtp.example.com, user: ups, password: pw, from: ups@example.com,
                            to: [a@example.com, b@example.com], events: [all] }
                    smtps: { type: email, host: smtp.example.com, tls: ssl, from: ups@example.com, to: [a@example.com] }
                    hook: { type: webhook, url: "https://example.com/h", headers: { X-Team: infra }, secret: s }
                    phone: { type: ntfy, topic: site-ups, drills: true }
                    d: { type: discord, url: "https://discord.com/api/webhooks/1/x" }
                    s: { type: slack, url: "https://hooks.slack.com/services/T/B/X" }
                    t: { type: telegram, bot_token: "123:ABC", chat_id: "-100" }
                    ha: { type: mqtt, broker: 192.0.2.5, user: gw, password: pw }
                    log: { type: syslog, server: 192.0.2.6, protocol: tcp, facility: local3 }
                """);
        assertThat(s.expireAfter()).isEqualTo(Duration.ofHours(6));
        assertThat(s.rateLimits()).containsEntry(NotifyType.CLIENT_STALE, Duration.ofMinutes(30))
                .containsEntry(NotifyType.APP_ERROR, Duration.ofHours(1));
        assertThat(s.templates().get(NotifyType.POWER_LOST).title()).isEqualTo("{ups} on battery");
        assertThat(s.reports().daily()).isTrue();
        assertThat(s.reports().at()).isEqualTo(LocalTime.of(6, 30));
        assertThat(s.channels()).extracting(ChannelSpec::kind)
                .containsExactly("email", "email", "webhook", "ntfy", "discord", "slack", "telegram", "mqtt", "syslog");
        ChannelSpec.Email mail = (ChannelSpec.Email) s.channels().get(0);
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.events()).containsAll(NotifyType.switchable());
        assertThat(((ChannelSpec.Email) s.channels().get(1)).port()).as("ssl's default port").isEqualTo(465);
        assertThat(((ChannelSpec.Webhook) s.channels().get(2)).headers()).containsEntry("X-Team", "infra");
        ChannelSpec.Ntfy ntfy = (ChannelSpec.Ntfy) s.channels().get(3);
        assertThat(ntfy.server().toString()).isEqualTo("https://ntfy.sh");
        assertThat(ntfy.events()).containsExactlyInAnyOrderElementsOf(NotifyType.defaults());
        assertThat(ntfy.drills()).isTrue();
        assertThat(((ChannelSpec.Chat) s.channels().get(6)).url().toString()).isEqualTo("https://api.telegram.org");
        assertThat(((ChannelSpec.Mqtt) s.channels().get(7)).port()).isEqualTo(1883);
        ChannelSpec.Syslog log = (ChannelSpec.Syslog) s.channels().get(8);
        assertThat(log.tcp()).isTrue();
        assertThat(log.facility()).isEqualTo(19);
        assertThat(s.channels()).allSatisfy(c -> assertThat(c.toString()).doesNotContain("pw", "123:ABC", "secret"));
    }

    @Test
    void noNotifySectionMeansNoChannels() throws Exception {
        base.dir = dir;
        java.nio.file.Files.writeString(dir.resolve("r.dev"), "ups.status: OL\n");
        NotifySettings s = base.load(UPS).notifications();
        assertThat(s.channels()).isEmpty();
        assertThat(s.rateLimits()).containsEntry(NotifyType.APP_ERROR, Duration.ofHours(1));
    }

    @Test
    void aChannelWithoutATypeIsNamed() {
        assertThat(problems("  channels:\n    mail: { host: smtp.example.com }\n")).containsExactly(
                "gridwatch.yaml:3: notify.channels.mail.type: missing: say what kind of channel this is (email, "
                        + "webhook, ntfy, discord, slack, telegram, mqtt, syslog)");
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertThat(problems("  channels:\n    x: { type: pager }\n")).containsExactly(
                "gridwatch.yaml:3: notify.channels.x.type: must be one of email, webhook, ntfy, discord, slack, "
                        + "telegram, mqtt, syslog (got 'pager')");
    }

    @Test
    void emailNeedsServerSenderAndRecipients() {
        assertThat(problems("  channels:\n    mail: { type: email, to: [not-an-address] }\n")).containsExactly(
                "gridwatch.yaml:3: notify.channels.mail.host: missing: this channel type needs it",
                "gridwatch.yaml:3: notify.channels.mail.from: missing: this channel type needs it",
                "gridwatch.yaml:3: notify.channels.mail.to: not an email address: 'not-an-address'");
    }

    @Test
    void anUnknownEventTypeIsNamedWithTheList() {
        List<String> p = problems("  channels:\n    h:\n      type: webhook\n      url: https://example.com/\n"
                + "      events: [power-lost, power-fail]\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("gridwatch.yaml:6: notify.channels.h.events: no notification type "
                + "'power-fail'; types: power-lost, power-restored, low-battery");
    }

    @Test
    void keysOfAnotherChannelTypeAreUnknownWithASuggestion() {
        assertThat(problems("  channels:\n    p:\n      type: ntfy\n      topic: t\n      tpoic: x\n"
                + "      bot_token: y\n")).containsExactly(
                "gridwatch.yaml:6: notify.channels.p.tpoic: unknown key (did you mean 'topic'?)",
                "gridwatch.yaml:7: notify.channels.p.bot_token: unknown key");
    }

    @Test
    void badUrlFacilityAndTemplateTypeAreNamed() {
        assertThat(problems("""
                  templates:
                    power-gone: { title: x }
                  channels:
                    h: { type: discord, url: "ftp://example.com/" }
                    l: { type: syslog, server: 192.0.2.1, facility: kernel }
                """)).containsExactly(
                "gridwatch.yaml:3: notify.templates.power-gone: no notification type 'power-gone'; types: power-lost, "
                        + "power-restored, low-battery, fsd, client-shutdown, client-shutdown-failed, client-stale, client-offline, wake-sent, "
                        + "wake-failed, drill-started, drill-stopped, comm-lost, comm-restored, replace-battery, "
                        + "app-error, report",
                "gridwatch.yaml:5: notify.channels.h.url: must be an http:// or https:// URL (got 'ftp://example.com/')",
                "gridwatch.yaml:6: notify.channels.l.facility: must be one of kern, user, mail, daemon, auth, syslog, "
                        + "local0, local1, local2, local3, local4, local5, local6, local7 (got 'kernel')");
    }
}
