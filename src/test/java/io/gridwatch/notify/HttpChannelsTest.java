package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ntfy, Discord, Slack and Telegram against an HTTP receiver on loopback: the request each service expects
 * (path, headers, JSON shape), and an answer that is not a success becomes a failure that says why.
 */
class HttpChannelsTest {
    record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {
    }

    private HttpServer receiver;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> answer = new AtomicReference<>("");
    private URI base;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders(),
                    HttpPost.JSON.readTree(body)));
            String a = answer.get();
            int code = a.startsWith("403") ? 403 : 200;
            byte[] out = (code == 403 ? a.substring(4) : a).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        receiver.start();
        base = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static Outbox.Item item(Notification n) {
        return new Outbox.Item("n-1", "x", n, n.at(), Outbox.State.PENDING, 0, n.at(), null, null);
    }

    private static Notification lowBattery() {
        return Notification.of(NotifyType.LOW_BATTERY, "rack", "Low battery: rack <1>", "rack reports low battery & "
                + "shuts down.", Map.of(), Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void ntfyGetsJsonWithPriorityByNotificationSeverityAndTheToken() throws Exception {
        NtfyChannel c = new NtfyChannel(new ChannelSpec.Ntfy("phone", Set.of(), false, base, "site-ups", "tk_abc"));
        c.send(item(lowBattery()));
        c.send(item(Notification.of(NotifyType.POWER_RESTORED, "rack", "Power restored", "back", Map.of(),
                Instant.parse("2026-11-21T10:05:00Z"))));
        assertThat(received).hasSize(2);
        Request r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.headers().get("Authorization")).containsExactly("Bearer tk_abc");
        assertThat(r.body().get("topic").asString()).isEqualTo("site-ups");
        assertThat(r.body().get("title").asString()).isEqualTo("Low battery: rack <1>");
        assertThat(r.body().get("message").asString()).isEqualTo("rack reports low battery & shuts down.");
        assertThat(r.body().get("priority").asInt()).isEqualTo(5);
        assertThat(r.body().get("tags").get(0).asString()).isEqualTo("zap");
        assertThat(received.get(1).body().get("priority").asInt()).isEqualTo(3);
    }

    @Test
    void discordGetsAnEmbedColouredBySeverity() throws Exception {
        new ChatChannel(new ChannelSpec.Chat("d", "discord", Set.of(), false, base.resolve("/api/webhooks/1/x"), null,
                null)).send(item(lowBattery()));
        Request r = received.get(0);
        assertThat(r.path()).isEqualTo("/api/webhooks/1/x");
        assertThat(r.body().get("username").asString()).isEqualTo("Gridwatch");
        JsonNode embed = r.body().get("embeds").get(0);
        assertThat(embed.get("title").asString()).isEqualTo("Low battery: rack <1>");
        assertThat(embed.get("description").asString()).isEqualTo("rack reports low battery & shuts down.");
        assertThat(embed.get("color").asInt()).isEqualTo(0xC53030);
        assertThat(embed.get("timestamp").asString()).isEqualTo("2026-11-21T10:00:00Z");
    }

    @Test
    void slackGetsMrkdwnTextAndAColourBar() throws Exception {
        new ChatChannel(new ChannelSpec.Chat("s", "slack", Set.of(), false, base.resolve("/services/T/B/X"), null, null))
                .send(item(lowBattery()));
        JsonNode b = received.get(0).body();
        assertThat(b.get("text").asString()).isEqualTo("*Low battery: rack <1>*");
        assertThat(b.get("attachments").get(0).get("color").asString()).isEqualTo("#c53030");
        assertThat(b.get("attachments").get(0).get("text").asString()).isEqualTo("rack reports low battery & shuts down.");
    }

    @Test
    void telegramUsesTheBotApiWithEscapedHtmlAndChecksOk() throws Exception {
        ChatChannel t = new ChatChannel(new ChannelSpec.Chat("t", "telegram", Set.of(), false, base, "123:ABC", "-1001"));
        answer.set("{\"ok\":true,\"result\":{}}");
        t.send(item(lowBattery()));
        Request r = received.get(0);
        assertThat(r.path()).isEqualTo("/bot123:ABC/sendMessage");
        assertThat(r.body().get("chat_id").asString()).isEqualTo("-1001");
        assertThat(r.body().get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(r.body().get("text").asString())
                .isEqualTo("<b>Low battery: rack &lt;1&gt;</b>\nrack reports low battery &amp; shuts down.");

        answer.set("403 {\"ok\":false,\"description\":\"Forbidden: bot was kicked\"}");
        assertThatThrownBy(() -> t.send(item(lowBattery())))
                .hasMessageContaining("HTTP 403").hasMessageContaining("bot was kicked")
                .hasMessageNotContaining("123:ABC");
    }
}
