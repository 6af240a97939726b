package io.gridwatch.config;

import io.gridwatch.notify.ChannelSpec;
import io.gridwatch.notify.NotifySettings;
import io.gridwatch.notify.NotifyType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@code notify:}: channels by name (each with a {@code type:} and that type's keys), the event switches of
 * each, per-type rate limits and templates, retry expiry and the report schedule. Stateless.
 */
final class NotifyBinder {
    static final List<String> TYPES = List.of("email", "webhook", "ntfy", "discord", "slack", "telegram", "mqtt",
            "syslog");
    static final Map<String, Integer> FACILITIES = facilities();

    private NotifyBinder() {
    }

    static NotifySettings bind(Section n) {
        Duration expire = n.duration("expire_after", Duration.ofDays(2), Duration.ofMinutes(1),
                "An undelivered notification is retried (30 s, doubling, at most hourly) until this old, then given up.");
        Map<NotifyType, Duration> limits = rateLimits(n.section("rate_limits", "At most one notification of a type "
                + "per UPS or host within this long (0: no limit)."));
        Map<NotifyType, NotifySettings.Template> templates = templates(n);
        NotifySettings.Reports reports = reports(n.section("reports", "Scheduled reports (history must be on); they "
                + "go to the channels switched on for 'report' (email gets the full page with charts)."));
        List<ChannelSpec> channels = new ArrayList<>();
        for (Map.Entry<String, Section> e : n.named("channels", "Where notifications go, by a name you choose.")
                .entrySet()) {
            ChannelSpec c = channel(e.getKey(), e.getValue());
            if (c != null) {
                channels.add(c);
            }
        }
        n.finish();
        return new NotifySettings(channels, limits, templates, expire, reports);
    }

    private static Map<NotifyType, Duration> rateLimits(Section r) {
        Map<NotifyType, Duration> out = new EnumMap<>(NotifyType.class);
        for (NotifyType t : NotifyType.switchable()) {
            Duration def = t == NotifyType.APP_ERROR ? Duration.ofHours(1) : Duration.ZERO;
            Duration d = r.duration(t.key(), def, Duration.ZERO, "Rate limit for " + t.key() + ": " + t.meaning() + ".");
            if (!d.isZero()) {
                out.put(t, d);
            }
        }
        r.finish();
        return out;
    }

    private static Map<NotifyType, NotifySettings.Template> templates(Section n) {
        Map<NotifyType, NotifySettings.Template> out = new EnumMap<>(NotifyType.class);
        for (Map.Entry<String, Section> e : n.named("templates", "Your own wording per type (power-lost, ...), with "
                + "placeholders such as {ups}, {status}, {charge}, {runtime}, {host}, {message}, {time}.").entrySet()) {
            Section s = e.getValue();
            String title = s.string("title", null, "The title or subject; empty keeps the built-in one.");
            String message = s.string("message", null, "The message; empty keeps the built-in one.");
            s.finish();
            if (!s.documenting()) {
                NotifyType.of(e.getKey()).filter(t -> t != NotifyType.TEST).ifPresentOrElse(
                        t -> out.put(t, new NotifySettings.Template(title, message)),
                        () -> s.problem("no notification type '" + e.getKey() + "'; types: " + typeList()));
            }
        }
        return out;
    }

    private static NotifySettings.Reports reports(Section r) {
        boolean daily = r.bool("daily", false, "A report of the day before, every day.");
        boolean weekly = r.bool("weekly", false, "A report of the week before, every Monday.");
        boolean monthly = r.bool("monthly", false, "A report of the month before, on the 1st.");
        LocalTime at = r.value("at", LocalTime.of(7, 0), "HH:MM", "When reports go out (site time zone).", node -> {
            try {
                return LocalTime.parse(Values.string(node));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("must be a time like 07:00");
            }
        });
        r.finish();
        return new NotifySettings.Reports(daily, weekly, monthly, at);
    }

    private static ChannelSpec channel(String name, Section c) {
        String type = c.value("type", null, "one of: " + String.join(", ", TYPES), "What kind of channel. Required.",
                node -> {
                    String t = Values.string(node).toLowerCase(Locale.ROOT);
                    if (!TYPES.contains(t)) {
                        throw new IllegalArgumentException("must be one of " + String.join(", ", TYPES));
                    }
                    return t;
                });
        Set<NotifyType> events = events(c);
        boolean drills = c.bool("drills", false, "Also deliver what a drill causes (power lost, low battery...), "
                + "marked [drill] (the seed's NOTIFY_SIMULATION_MODE).");
        if (c.documenting()) {
            email(name, events, drills, c);
            web(name, "webhook", events, drills, c);
            mqtt(name, events, drills, c);
            syslog(name, events, drills, c);
            return null;
        }
        if (type == null) {
            if (!c.has("type")) {
                c.problem("type", "missing: say what kind of channel this is (" + String.join(", ", TYPES) + ")");
            }
            return null;
        }
        ChannelSpec spec = switch (type) {
            case "email" -> email(name, events, drills, c);
            case "mqtt" -> mqtt(name, events, drills, c);
            case "syslog" -> syslog(name, events, drills, c);
            default -> web(name, type, events, drills, c);
        };
        c.finish();
        return spec;
    }

    private static Set<NotifyType> events(Section c) {
        List<String> names = c.value("events", NotifyType.defaults().stream().map(NotifyType::key).toList(),
                "list of types, or [all]", "What this channel is told about: " + typeList() + ".", Values::strings);
        Set<NotifyType> out = EnumSet.noneOf(NotifyType.class);
        for (String s : names) {
            if (s.equalsIgnoreCase("all")) {
                out.addAll(NotifyType.switchable());
                continue;
            }
            NotifyType.of(s.toLowerCase(Locale.ROOT)).filter(t -> t != NotifyType.TEST).ifPresentOrElse(out::add,
                    () -> c.problem("events", "no notification type '" + s + "'; types: " + typeList()));
        }
        return out;
    }

    private static ChannelSpec.Email email(String name, Set<NotifyType> events, boolean drills, Section c) {
        String host = c.string("host", null, "email: the SMTP server. Required.");
        ChannelSpec.MailTls tls = c.choice("tls", ChannelSpec.MailTls.AUTO, ChannelSpec.MailTls.class, "email: auto "
                + "(implicit TLS on port 465, none on 26, STARTTLS elsewhere), starttls, ssl (implicit TLS), none.");
        int port = c.integer("port", tls == ChannelSpec.MailTls.SSL ? 465 : 587, 1, 65535,
                "email: the SMTP port (default 465 with tls: ssl, else 587).");
        boolean verify = c.bool("verify_tls", true, "email: check the server's certificate and name (turn off only "
                + "for a relay with a self-signed certificate).");
        String user = c.string("user", null, "email, mqtt: user to log in as (none: no login).");
        String password = c.string("password", null, "email, mqtt: that user's password (write-only in the API).");
        String from = c.string("from", null, "email: the sender address. Required.");
        String fromName = c.string("from_name", "Gridwatch", "email: the sender's display name.");
        List<String> to = c.strings("to", List.of(), "email: recipient addresses. Required.");
        String prefix = c.string("subject_prefix", "[UPS]", "email: put before every subject (the seed's).");
        Duration timeout = c.duration("timeout", Duration.ofSeconds(30), Duration.ofSeconds(1),
                "email: connecting and each SMTP reply.");
        if (c.documenting()) {
            return null;
        }
        require(c, "host", host);
        require(c, "from", from);
        if (to.isEmpty()) {
            c.problem("to", "missing: at least one recipient address");
        }
        for (String a : prefixed(from, to)) {
            if (!a.matches("[^@\\s]+@[^@\\s]+")) {
                c.problem(a.equals(from) ? "from" : "to", "not an email address: '" + a + "'");
            }
        }
        return new ChannelSpec.Email(name, events, drills, host, port, tls, verify, user, password, from, fromName, to,
                prefix, timeout);
    }

    private static List<String> prefixed(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        if (first != null) {
            all.add(first);
        }
        all.addAll(rest);
        return all;
    }

    /** webhook, ntfy, discord, slack, telegram: all delivered by an HTTP POST. */
    private static ChannelSpec web(String name, String type, Set<NotifyType> events, boolean drills, Section c) {
        URI url = c.value("url", null, "URL", "webhook, discord, slack, ntfy, telegram: the webhook URL (required "
                + "for webhook, discord, slack); ntfy's server (default https://ntfy.sh); Telegram's Bot API (default "
                + "https://api.telegram.org).",
                NotifyBinder::url);
        boolean doc = c.documenting();
        Map<String, String> headers = new LinkedHashMap<>();
        String secret = null;
        if (doc || type.equals("webhook")) {
            Section h = c.section("headers", "webhook: extra HTTP headers (name: value).");
            for (String k : h.keys()) {
                headers.put(k, h.string(k, "", "header"));
            }
            secret = c.string("secret", null, "webhook: signs each body: X-Gridwatch-Signature: sha256=<HMAC> "
                    + "(write-only in the API).");
        }
        String topic = null;
        String token = null;
        if (doc || type.equals("ntfy")) {
            topic = c.string("topic", null, "ntfy: the topic. Required.");
            token = c.string("token", null, "ntfy: an access token (Bearer; write-only in the API).");
        }
        String botToken = null;
        String chatId = null;
        if (doc || type.equals("telegram")) {
            botToken = c.string("bot_token", null, "telegram: the bot's token. Required (write-only in the API).");
            chatId = c.string("chat_id", null, "telegram: the chat to post to. Required.");
        }
        if (doc) {
            return null;
        }
        return switch (type) {
            case "webhook" -> require(c, "url", url) ? new ChannelSpec.Webhook(name, events, drills, url, headers, secret)
                    : null;
            case "ntfy" -> require(c, "topic", topic) ? new ChannelSpec.Ntfy(name, events, drills,
                    url == null ? URI.create("https://ntfy.sh") : url, topic, token) : null;
            case "telegram" -> require(c, "bot_token", botToken) & require(c, "chat_id", chatId)
                    ? new ChannelSpec.Chat(name, type, events, drills,
                    url == null ? URI.create("https://api.telegram.org") : url, botToken, chatId) : null;
            default -> require(c, "url", url) ? new ChannelSpec.Chat(name, type, events, drills, url, null, null) : null;
        };
    }

    private static ChannelSpec.Mqtt mqtt(String name, Set<NotifyType> events, boolean drills, Section c) {
        String host = c.string("broker", null, "mqtt: the broker's host name or address. Required.");
        boolean tls = c.bool("broker_tls", false, "mqtt: connect over TLS.");
        int port = c.integer("broker_port", tls ? 8883 : 1883, 1, 65535, "mqtt: the broker's port (1883, 8883 with broker_tls).");
        Path ca = c.path("ca_file", null, true, "mqtt: PEM certificate(s) to trust for the broker (else the system's).");
        String clientId = c.string("client_id", "gridwatch", "mqtt: the client id (unique per broker).");
        String prefix = c.string("prefix", "gridwatch", "mqtt: topic prefix for state and events.");
        boolean discovery = c.bool("discovery", true, "mqtt: publish Home Assistant discovery (retained).");
        String discoveryPrefix = c.string("discovery_prefix", "homeassistant", "mqtt: Home Assistant's discovery prefix.");
        if (c.documenting()) {
            return null;
        }
        require(c, "broker", host);
        return new ChannelSpec.Mqtt(name, events, drills, host, port, tls, ca, c.string("user", null, ""),
                c.string("password", null, ""), clientId, prefix, discovery, discoveryPrefix);
    }

    private static ChannelSpec.Syslog syslog(String name, Set<NotifyType> events, boolean drills, Section c) {
        String host = c.string("server", null, "syslog: the syslog server's host name or address. Required.");
        String protocol = c.value("protocol", "udp", "udp or tcp", "syslog: transport (RFC 5426 UDP, RFC 6587 TCP "
                + "with octet counting).", node -> {
                    String p = Values.string(node).toLowerCase(Locale.ROOT);
                    if (!p.equals("udp") && !p.equals("tcp")) {
                        throw new IllegalArgumentException("must be udp or tcp");
                    }
                    return p;
                });
        int port = c.integer("server_port", 514, 1, 65535, "syslog: the server's port.");
        String facility = c.value("facility", "daemon", "facility name", "syslog: daemon, user, local0 ... local7.",
                node -> {
                    String f = Values.string(node).toLowerCase(Locale.ROOT);
                    if (!FACILITIES.containsKey(f)) {
                        throw new IllegalArgumentException("must be one of " + String.join(", ", FACILITIES.keySet()));
                    }
                    return f;
                });
        String app = c.string("app_name", "gridwatch", "syslog: APP-NAME of each message.");
        if (c.documenting()) {
            return null;
        }
        require(c, "server", host);
        return new ChannelSpec.Syslog(name, events, drills, host, port, protocol.equals("tcp"),
                FACILITIES.get(facility), app);
    }

    private static boolean require(Section c, String key, Object value) {
        if (value == null) {
            if (!c.has(key)) { // present but wrong: that problem is already reported
                c.problem(key, "missing: this channel type needs it");
            }
            return false;
        }
        return true;
    }

    private static URI url(ConfigNode n) {
        try {
            URI u = new URI(Values.string(n));
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException("must be an http:// or https:// URL");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
    }

    private static String typeList() {
        return String.join(", ", NotifyType.switchable().stream().map(NotifyType::key).toList());
    }

    private static Map<String, Integer> facilities() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("kern", 0);
        m.put("user", 1);
        m.put("mail", 2);
        m.put("daemon", 3);
        m.put("auth", 4);
        m.put("syslog", 5);
        for (int i = 0; i < 8; i++) {
            m.put("local" + i, 16 + i);
        }
        return m;
    }
}
