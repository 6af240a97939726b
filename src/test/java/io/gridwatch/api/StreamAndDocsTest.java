package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Api;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Server-Sent Events stream and the OpenAPI document. */
class StreamAndDocsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** One received event. */
    record Event(String name, JsonNode data) {
    }

    static CompletableFuture<?> listen(Api api, String token, BlockingQueue<Event> into) {
        HttpRequest req = HttpRequest.newBuilder(api.base().resolve("/api/v1/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            String[] name = {null};
            try (Stream<String> lines = r.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        into.add(new Event(name[0], JSON.readTree(line.substring(5).trim())));
                    }
                });
            }
        });
    }

    /** The first event so far or within 10 s with this name matching; events are kept, in any order. */
    static Event next(BlockingQueue<Event> q, String name, java.util.function.Predicate<JsonNode> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (SEEN) {
                q.drainTo(SEEN);
                for (Event e : SEEN) {
                    if (e.name().equals(name) && match.test(e.data())) {
                        return e;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + name + "' event matching; saw " + SEEN.stream().map(Event::name).toList());
    }

    static final List<Event> SEEN = new ArrayList<>();

    @Test
    void theStreamSaysHelloThenPushesEveryChange() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            SEEN.clear();
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            CompletableFuture<?> stream = listen(site.admin, site.token("read"), events);
            Event hello = next(events, "hello", d -> true);
            assertThat(hello.data().get("ups").size()).isEqualTo(2);
            assertThat(hello.data().get("hosts").size()).isEqualTo(2);
            site.admin.post("/api/v1/drills", "{\"ups\":\"grid\"}");
            next(events, "ups", d -> d.get("name").asString().equals("grid") && d.get("on_battery").asBoolean());
            Event drill = next(events, "event", d -> d.get("type").asString().equals("drill-started"));
            assertThat(drill.data().get("ups").asString()).isEqualTo("grid");
            assertThat(drill.data().get("message").asString()).startsWith("drill started by admin@");
            Api.of(site.server).token(site.token("client")).post("/api/v1/clients/nas/report", "{\"status\":\"online\"}");
            next(events, "client", d -> d.toString().contains("\"state\":\"online\""));
            stream.cancel(true);
        }
    }

    /** docs/api.md's example, as curl sends it: no Accept header. */
    @Test
    void theStreamStreamsToAClientThatDoesNotSayItWantsEvents() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            HttpRequest req = HttpRequest.newBuilder(site.admin.base().resolve("/api/v1/stream"))
                    .header("Authorization", "Bearer " + site.token("read")).build();
            HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(req,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()))) {
                assertThat(in.readLine()).isEqualTo("event: hello");
            }
        }
    }

    @Test
    void everyQueryParameterARouteTakesIsDocumentedAndNoOtherIsAccepted() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            JsonNode doc = Api.of(site.server).get("/api/v1/openapi.json").json();
            String admin = site.token("admin");
            for (Route route : site.server.app().http().routes()) {
                JsonNode op = doc.get("paths").get(route.path()).get(route.method().toLowerCase());
                List<String> documented = new ArrayList<>();
                if (op.has("parameters")) {
                    op.get("parameters").forEach(p -> {
                        if (p.get("in").asString().equals("query")) {
                            documented.add(p.get("name").asString());
                        }
                    });
                }
                assertThat(documented).as("%s %s", route.method(), route.path())
                        .containsExactlyInAnyOrderElementsOf(route.queries().stream().map(Route.Query::name).toList());
                String path = route.path().replaceAll("\\{[a-z_]+}", "x");
                Api.Response r = site.admin.token(admin).call(route.method(), path + "?undocumented_param=1", null);
                assertThat(r.status()).as("%s %s with an undocumented query parameter", route.method(), path)
                        .isEqualTo(400);
                assertThat(r.json().get("field").asString()).isEqualTo("undocumented_param");
            }
            Map<String, String> types = Map.of("/metrics", "text/plain; version=0.0.4",
                    "/api/v1/ups/{name}/report", "text/html", "/api/v1/stream", "text/event-stream",
                    "/api/v1/events/archive", "text/csv", "/api/v1/ups/{name}/history", "text/csv",
                    "/favicon.ico", "image/x-icon");
            types.forEach((path, type) -> assertThat(doc.get("paths").get(path).get("get").get("responses").get("200")
                    .get("content").has(type)).as("%s documents %s", path, type).isTrue());
            assertThat(doc.get("paths").get("/metrics").get("get").get("responses").get("200").get("content")
                    .has("application/json")).as("/metrics is not JSON").isFalse();
            assertThat(Api.of(site.server).get("/favicon.ico").header("Content-Type")).hasValue("image/x-icon");
        }
    }

    @Test
    void theStreamNeedsCredentials() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            assertThat(Api.of(site.server).headersOnly("/api/v1/stream").status()).isEqualTo(401);
        }
    }

    @Test
    void theOpenApiDocumentCoversEveryRouteAndEverySchemaItNames() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response r = Api.of(site.server).get("/api/v1/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
            for (Route route : site.server.app().http().routes()) {
                JsonNode op = doc.get("paths").get(route.path()).get(route.method().toLowerCase());
                assertThat(op).as("%s %s documented", route.method(), route.path()).isNotNull();
                assertThat(op.get("summary").asString()).as("summary of %s", route.path()).isNotBlank();
                assertThat(op.get("x-access").asString()).isEqualTo(route.access().name().toLowerCase());
            }
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                String name = ref.substring("#/components/schemas/".length());
                assertThat(doc.get("components").get("schemas").has(name)).as("schema %s", name).isTrue();
            }
            for (String path : new String[] {"/api/v1/ups", "/api/v1/ups/{name}", "/api/v1/drills", "/api/v1/schedules",
                    "/api/v1/hosts", "/api/v1/sentinels", "/api/v1/events", "/api/v1/config", "/api/v1/stream"}) {
                assertThat(doc.get("paths").has(path)).as(path).isTrue();
            }
        }
    }

    @Test
    void docsApiMdListsEveryRouteWithItsAccess() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/api.md"));
        try (ApiSite site = ApiSite.start(dir)) {
            for (Route r : site.server.app().http().routes()) {
                assertThat(doc).as("docs/api.md lists %s %s", r.method(), r.path())
                        .contains("| `" + r.method() + " " + r.path() + "` | " + r.access().name().toLowerCase() + " |");
            }
        }
    }

    private static void collectRefs(JsonNode n, List<String> into) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), into);
                }
            }
        } else if (n.isArray()) {
            n.forEach(x -> collectRefs(x, into));
        }
    }

    @Test
    void unknownPathsAreJsonProblemsNotHtml() throws Exception {
        try (ApiSite site = ApiSite.start(dir)) {
            Api.Response r = site.admin.get("/api/v1/nothing-here");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("<html").contains("no such resource");
        }
    }
}
