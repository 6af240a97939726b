package io.gridwatch.agent;

import io.gridwatch.tls.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's side of the hub: reads this host's settings ({@code GET /api/v1/clients/{host}/settings}) and
 * reports its state ({@code POST /api/v1/clients/{host}/report}), with a client-scope token. Small JSON by hand:
 * the agent loads no JSON library. Blocking; called from the agent's reporter thread.
 */
final class HubClient {
    private static final Pattern DELAY = Pattern.compile("\"shutdown_delay\"\\s*:\\s*(null|\\d+)");
    private static final Pattern IGNORE = Pattern.compile("\"ignore_drills\"\\s*:\\s*(true|false)");

    private final AgentConfig.Hub hub;
    private final String host;
    private final HttpClient http;

    HubClient(AgentConfig.Hub hub, String host) {
        this.hub = hub;
        this.host = host;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (hub.trustAnyCertificate()) {
            b.sslContext(TlsTrust.trustAll());
        }
        this.http = b.build();
    }

    AgentInput.HubSettings settings() throws IOException {
        String body = send(HttpRequest.newBuilder(uri("/settings")).GET());
        Matcher d = DELAY.matcher(body);
        Matcher i = IGNORE.matcher(body);
        if (!d.find() || !i.find()) {
            throw new IOException("the hub's answer has no shutdown_delay or ignore_drills: " + body);
        }
        return new AgentInput.HubSettings(d.group(1).equals("null") ? null : Duration.ofSeconds(Long.parseLong(d.group(1))),
                Boolean.parseBoolean(i.group(1)));
    }

    void report(AgentReport r) throws IOException {
        String json = "{\"status\":\"" + r.status() + "\""
                + (r.remainingSeconds() == null ? "" : ",\"remaining_seconds\":" + r.remainingSeconds())
                + (r.delaySeconds() == null ? "" : ",\"shutdown_delay\":" + r.delaySeconds())
                + (r.note() == null ? "" : ",\"note\":\"" + jsonText(r.note()) + "\"") + "}";
        send(HttpRequest.newBuilder(uri("/report")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code s} as the inside of a JSON string. */
    static String jsonText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private URI uri(String tail) {
        String base = hub.url().toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/clients/" + URLEncoder.encode(host, StandardCharsets.UTF_8).replace("+", "%20") + tail);
    }

    private String send(HttpRequest.Builder b) throws IOException {
        HttpRequest req = b.header("Authorization", "Bearer " + hub.token()).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(req.method() + " " + req.uri().getPath() + ": HTTP " + r.statusCode() + " "
                        + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
