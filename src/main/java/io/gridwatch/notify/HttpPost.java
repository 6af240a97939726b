package io.gridwatch.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the web-based channels: a JSON POST with a timeout, where anything but a 2xx answer is
 * a failure that says who answered what (the outbox retries it). Thread-safe.
 */
final class HttpPost {
    static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final int SHOWN = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** POSTs {@code body} as JSON with {@code headers}; returns the answer's body. */
    String json(URI url, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        byte[] bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String said = r.body() == null ? "" : r.body().strip();
            throw new IOException(url.getHost() + " answered HTTP " + r.statusCode()
                    + (said.isEmpty() ? "" : ": " + (said.length() > SHOWN ? said.substring(0, SHOWN) + "..." : said)));
        }
        return r.body();
    }
}
