package io.gridwatch.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ntfy (ntfy.sh or a self-hosted server): publishes as JSON to the server's root URL, so titles in any language
 * survive (headers would need encoding). The priority follows the severity (critical = 5 "max", which breaks
 * through Do Not Disturb on phones; warning = 4; info = 3), with a matching tag for the icon.
 */
public final class NtfyChannel implements Channel {
    private final ChannelSpec.Ntfy spec;
    private final HttpPost http = new HttpPost();

    public NtfyChannel(ChannelSpec.Ntfy spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws Exception {
        Notification n = item.message();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", spec.topic());
        body.put("title", n.title());
        body.put("message", n.message());
        body.put("priority", priority(n.severity()));
        body.put("tags", List.of(tag(n)));
        Map<String, String> headers = new LinkedHashMap<>();
        if (spec.token() != null) {
            headers.put("Authorization", "Bearer " + spec.token());
        }
        String base = spec.server().toString();
        http.json(URI.create(base.endsWith("/") ? base : base + "/"), body, headers);
    }

    static int priority(Severity s) {
        return switch (s) {
            case CRITICAL -> 5;
            case WARNING -> 4;
            case INFO -> 3;
        };
    }

    private static String tag(Notification n) {
        return switch (n.type()) {
            case POWER_LOST, LOW_BATTERY -> "zap";
            case POWER_RESTORED -> "electric_plug";
            case FSD, CLIENT_SHUTDOWN -> "stop_sign";
            case APP_ERROR -> "rotating_light";
            case REPORT -> "bar_chart";
            default -> n.severity() == Severity.INFO ? "information_source" : "warning";
        };
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
