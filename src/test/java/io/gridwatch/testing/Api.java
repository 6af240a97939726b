package io.gridwatch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP client for the server under test, as a browser or a script uses it: logs in (keeping the session cookie
 * and the CSRF token), or sends a Bearer token; every call returns status, headers and body.
 */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private String cookie;
    private String csrf;
    private String token;
    private boolean sendCsrf = true;

    private Api(URI base) {
        this.base = base;
    }

    public static Api of(TestServer s) {
        var a = s.app().http().boundAddress();
        return new Api(URI.create("http://127.0.0.1:" + a.getPort()));
    }

    /** A client of any base address, e.g. the seed listener's. */
    public static Api at(String base) {
        return new Api(URI.create(base));
    }

    public URI base() {
        return base;
    }

    /** A call's outcome. */
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Logs in; afterwards calls carry the session cookie and, on writes, the CSRF token. */
    public Api login(String user, String password) throws IOException, InterruptedException {
        Response r = post("/api/v1/login", "{\"username\":" + q(user) + ",\"password\":" + q(password) + "}");
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        cookie = r.header("Set-Cookie").orElseThrow().split(";")[0];
        csrf = r.json().get("csrf_token").asString();
        return this;
    }

    public Api token(String t) {
        Api a = new Api(base);
        a.token = t;
        return a;
    }

    /** The same session without the CSRF header (to check it is required). */
    public Api withoutCsrf() {
        Api a = new Api(base);
        a.cookie = cookie;
        a.csrf = csrf;
        a.sendCsrf = false;
        return a;
    }

    public String cookie() {
        return cookie;
    }

    public String csrf() {
        return csrf;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return call("POST", path, json);
    }

    public Response put(String path, String json) throws IOException, InterruptedException {
        return call("PUT", path, json);
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return call("DELETE", path, null);
    }

    public Response call(String method, String path, String json) throws IOException, InterruptedException {
        return callWithHeader(method, path, json, null, null);
    }

    /** A GET whose body is not read (for the event stream, which never ends): status and headers only. */
    public Response headersOnly(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = request("GET", path, null);
        HttpResponse<java.io.InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String body = "";
        if (r.statusCode() >= 400) {
            try (var in = r.body()) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } else {
            r.body().close();
        }
        return new Response(r.statusCode(), body, r.headers());
    }

    /** A call with one extra header (null name: none). */
    public Response callWithHeader(String method, String path, String json, String name, String value)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(method, path, json);
        if (name != null) {
            b.header(name, value);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    private HttpRequest.Builder request(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && sendCsrf && !method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public static String q(String s) {
        return JSON.writeValueAsString(s);
    }
}
