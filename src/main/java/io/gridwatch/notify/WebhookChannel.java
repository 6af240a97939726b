package io.gridwatch.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generic webhook: POSTs the notification as JSON ({@code id, type, title, message, created}) with custom
 * headers, an {@code Idempotency-Key} (the notification's id, the same on every retry, so a receiver can drop a
 * repeat), and with a secret an {@code X-Gridwatch-Signature: sha256=<hex HMAC of the body>}. Any 2xx is success.
 */
public final class WebhookChannel implements Channel {
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public WebhookChannel(String name, URI url, Map<String, String> headers, String secret) {
        this.name = name;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.secret = secret;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Outbox.Item item) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", item.id());
        body.put("type", item.type());
        body.put("title", item.title());
        body.put("message", item.body());
        body.put("created", item.created().toString());
        byte[] json = JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Idempotency-Key", item.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(b::header);
        if (secret != null) {
            b.header("X-Gridwatch-Signature", "sha256=" + hmac(secret, json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(url.getHost() + " answered HTTP " + r.statusCode());
        }
    }

    /** HMAC-SHA256 of {@code body} with {@code secret}, as lower-case hex (what receivers recompute). */
    public static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Override
    public String toString() { // never the secret
        return "webhook " + name + " (" + url.getHost() + ")";
    }
}
