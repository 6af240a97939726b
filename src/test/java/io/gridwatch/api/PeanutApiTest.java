package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * PeaNUT's read API as the dashboards that read PeaNUT use it. Homepage's built-in {@code peanut} widget
 * ({@code src/widgets/peanut}: {@code GET {url}/api/v1/devices/{key}} with the widget's username and password as
 * HTTP Basic) reads {@code battery.charge}, {@code ups.load} and {@code ups.status} from one flat object and shows
 * OL, OB and LB in words; Homepage's custom-api widget reads the same object by field name, or one variable's value.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PeanutApiTest {
    @TempDir
    static Path dir;
    static ApiSite site;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + site.server.app().http().boundAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void homepagesPeanutWidgetReadsOneFlatDeviceWithBasicAuth() throws Exception {
        HttpResponse<String> r = get("/api/v1/devices/rack", "admin", site.server.app().initialAdminPassword());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode ups = json(r);
        assertThat(ups.get("battery.charge").isNumber()).as("a number, as PeaNUT gives it").isTrue();
        assertThat(ups.get("battery.charge").asInt()).isEqualTo(100);
        assertThat(ups.get("ups.load").asInt()).isEqualTo(23);
        assertThat(ups.get("ups.status").asString()).isEqualTo("OL");
    }

    @Test
    void everyDeviceAndOneVariableForTheCustomApiWidget() throws Exception {
        String token = site.token("read");
        HttpResponse<String> all = get("/api/v1/devices", "homepage", token);
        assertThat(all.statusCode()).as("any name, a read token as the password").isEqualTo(200);
        assertThat(json(all).findValuesAsString("ups.status")).contains("OL");
        assertThat(json(all)).hasSize(2);
        HttpResponse<String> v = get("/api/v1/devices/rack/var/battery.runtime", "homepage", token);
        assertThat(v.statusCode()).isEqualTo(200);
        assertThat(json(v).asString()).isEqualTo("1800");
        HttpResponse<String> none = get("/api/v1/devices/rack/var/no.such", "homepage", token);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).asString()).isEqualTo("Parameter no.such on device rack not found");
        HttpResponse<String> nobody = get("/api/v1/devices/cellar", "homepage", token);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(json(nobody).asString()).isEqualTo("Device cellar not found");
        assertThat(Api.of(site.server).token(token).get("/api/v1/devices/rack").status())
                .as("a Bearer token works too").isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Order(9) // last: the guessing locks this address out for a while
    void withoutCredentialsOrWithWrongOnesItAsksForBasicAndCountsTheFailures() throws Exception {
        HttpResponse<String> none = get("/api/v1/devices/rack", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=\"gridwatch\"");
        HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + site.server.app().http().boundAddress().getPort() + "/api/v1/devices")).header("Authorization", "Basic %%%").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).contains("base64 of user:password");
        HttpResponse<String> huge = get("/api/v1/devices", "x".repeat(5000), "y");
        assertThat(huge.statusCode()).as("an oversized header is refused, not decoded").isEqualTo(401);
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 12 && (last == null || last.statusCode() != 429); i++) {
            last = get("/api/v1/devices", "viewer-guess", "wrong password " + i);
            refused += last.statusCode() == 401 ? 1 : 0;
        }
        assertThat(last.statusCode()).as("the login guard stops guessing, as at the login form").isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused).isGreaterThanOrEqualTo(5);
        assertThat(Api.of(site.server).get("/api/v1/ups").status()).as("other routes take no Basic").isEqualTo(401);
    }

    @Test
    void aUpsWithoutCurrentDataIsUnreachableNotItsLastValues() throws Exception {
        String token = site.token("read");
        Path dev = site.server.dir().resolve("rack.dev");
        String before = Files.readString(dev);
        Files.delete(dev); // the dummy driver cannot read its device: the data go stale
        try {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "Device Unreachable".equals(json(get("/api/v1/devices/rack", "h", token)).path("ups.status")
                            .asString("")));
            JsonNode ups = json(get("/api/v1/devices/rack", "h", token));
            assertThat(ups.has("battery.charge")).as("no reading shown as current").isFalse();
            assertThat(ups.get("ups.device_name").asString()).isEqualTo("rack");
            assertThat(ups.get("gridwatch.availability").asString()).isEqualTo("DATA-STALE");
            HttpResponse<String> v = get("/api/v1/devices/rack/var/battery.charge", "h", token);
            assertThat(v.statusCode()).isEqualTo(503);
            assertThat(json(v).asString()).startsWith("Device rack: no current data");
        } finally {
            Files.writeString(dev, before);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "OL".equals(json(get("/api/v1/devices/rack", "h", token)).path("ups.status").asString("")));
    }
}
