package io.gridwatch.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ready-made payloads for the chat services' incoming webhooks: Discord (an embed coloured by severity), Slack
 * (mrkdwn text with an attachment colour bar) and Telegram (the Bot API's sendMessage with HTML formatting, whose
 * answer must say {@code "ok": true}).
 */
public final class ChatChannel implements Channel {
    private final ChannelSpec.Chat spec;
    private final HttpPost http = new HttpPost();

    public ChatChannel(ChannelSpec.Chat spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws Exception {
        Notification n = item.message();
        switch (spec.kind()) {
            case "discord" -> http.json(spec.url(), Map.of("username", "Gridwatch", "embeds", List.of(Map.of(
                    "title", n.title(), "description", n.message(), "color", color(n.severity()),
                    "timestamp", n.at().toString()))), Map.of());
            case "slack" -> http.json(spec.url(), Map.of("text", "*" + n.title() + "*", "attachments", List.of(Map.of(
                    "color", String.format("#%06x", color(n.severity())), "text", n.message()))), Map.of());
            case "telegram" -> telegram(n);
            default -> throw new IllegalStateException("no chat service '" + spec.kind() + "'");
        }
    }

    private void telegram(Notification n) throws Exception {
        String base = spec.url().toString().replaceAll("/+$", "");
        String answer = http.json(URI.create(base + "/bot" + spec.botToken() + "/sendMessage"), Map.of(
                "chat_id", spec.chatId(), "parse_mode", "HTML",
                "text", "<b>" + escape(n.title()) + "</b>\n" + escape(n.message())), Map.of());
        JsonNode r = HttpPost.JSON.readTree(answer);
        if (!r.path("ok").asBoolean(false)) {
            throw new java.io.IOException("Telegram refused the message: " + r.path("description").asString(answer));
        }
    }

    /** Red, amber, blue. */
    static int color(Severity s) {
        return switch (s) {
            case CRITICAL -> 0xC53030;
            case WARNING -> 0xD69E2E;
            case INFO -> 0x3182CE;
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() { // never the bot token
        return spec.toString();
    }
}
