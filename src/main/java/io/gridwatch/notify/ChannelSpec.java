package io.gridwatch.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configured channel ({@code notify.channels.<name>}): what it is switched on for and where it delivers.
 * Records under a sealed interface, one per {@code type:}. Their {@code toString} never shows a secret (they are
 * logged). Immutable.
 */
public sealed interface ChannelSpec {
    String name();

    /** The notification types this channel gets (its on/off switches). */
    Set<NotifyType> events();

    /** Whether it also gets what a drill causes (power lost/restored, low battery during a simulated outage). */
    boolean drills();

    /** The config's {@code type:} word. */
    String kind();

    /** How an email channel protects the connection (the seed's SMTP_USE_TLS, spelled out). */
    enum MailTls { AUTO, STARTTLS, SSL, NONE }

    record Email(String name, Set<NotifyType> events, boolean drills, String host, int port, MailTls tls,
                 boolean verifyTls, String user, String password, String from, String fromName, List<String> to,
                 String subjectPrefix, Duration timeout) implements ChannelSpec {
        public String kind() {
            return "email";
        }

        /** What {@code auto} means here: implicit TLS on 465, none on 26, STARTTLS elsewhere. */
        public MailTls effectiveTls() {
            if (tls != MailTls.AUTO) {
                return tls;
            }
            return port == 465 ? MailTls.SSL : port == 26 ? MailTls.NONE : MailTls.STARTTLS;
        }

        @Override
        public String toString() {
            return "email " + name + " (" + host + ":" + port + ", " + tls.name().toLowerCase(java.util.Locale.ROOT)
                    + ", " + to.size() + " recipient(s))";
        }
    }

    record Webhook(String name, Set<NotifyType> events, boolean drills, URI url, Map<String, String> headers,
                   String secret) implements ChannelSpec {
        public String kind() {
            return "webhook";
        }

        @Override
        public String toString() {
            return "webhook " + name + " (" + url.getHost() + ")";
        }
    }

    record Ntfy(String name, Set<NotifyType> events, boolean drills, URI server, String topic, String token)
            implements ChannelSpec {
        public String kind() {
            return "ntfy";
        }

        @Override
        public String toString() {
            return "ntfy " + name + " (" + server.getHost() + ", topic " + topic + ")";
        }
    }

    /** A chat service's incoming webhook: Discord and Slack by URL, Telegram by bot token and chat id. */
    record Chat(String name, String kind, Set<NotifyType> events, boolean drills, URI url, String botToken,
                String chatId) implements ChannelSpec {
        @Override
        public String toString() {
            return kind + " " + name + " (" + url.getHost() + ")";
        }
    }

    record Mqtt(String name, Set<NotifyType> events, boolean drills, String host, int port, boolean tls, Path caFile,
                String user, String password, String clientId, String prefix, boolean discovery,
                String discoveryPrefix) implements ChannelSpec {
        public String kind() {
            return "mqtt";
        }

        @Override
        public String toString() {
            return "mqtt " + name + " (" + host + ":" + port + ", prefix " + prefix + ")";
        }
    }

    /** RFC 5424 syslog; {@code facility} is the number (daemon = 3, local0 = 16...). */
    record Syslog(String name, Set<NotifyType> events, boolean drills, String host, int port, boolean tcp,
                  int facility, String appName) implements ChannelSpec {
        public String kind() {
            return "syslog";
        }

        @Override
        public String toString() {
            return "syslog " + name + " (" + (tcp ? "tcp" : "udp") + " " + host + ":" + port + ")";
        }
    }
}
