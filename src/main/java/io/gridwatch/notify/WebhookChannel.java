package io.gridwatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: POSTs the notification as JSON ({@code id, type, title, message, severity, ups, drill,
 * details, created}) with custom headers, an {@code Idempotency-Key} (the notification's id, the same on every
 * retry, so a receiver can drop a repeat), and with a secret an {@code X-Gridwatch-Signature: sha256=<hex HMAC of
 * the body>}. Any 2xx is success.
 */
public final class WebhookChannel implements Channel {
    private final ChannelSpec.Webhook spec;
    private final HttpPost http = new HttpPost();

    public WebhookChannel(ChannelSpec.Webhook spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws Exception {
        byte[] json = HttpPost.JSON.writeValueAsBytes(item.payload());
        Map<String, String> headers = new LinkedHashMap<>(spec.headers());
        headers.put("Idempotency-Key", item.id());
        if (spec.secret() != null) {
            headers.put("X-Gridwatch-Signature", "sha256=" + hmac(spec.secret(), json));
        }
        http.json(spec.url(), json, headers);
    }

    /** HMAC-SHA256 of {@code body} with {@code secret}, as lower-case hex (what receivers recompute). */
    public static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Override
    public String toString() { // never the secret
        return spec.toString();
    }
}
