package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.config.ConfigLoader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the JSON bodies of the seed routes and the {@code /api/v1} writes, sent as an admin's session (cookie and
 * CSRF token) to a server booted in this JVM: whatever the body, the answer is a JSON problem or a success, never a
 * 500, and the configuration file afterwards is one the server would still load (nothing escapes the checks). Each
 * request comes from its own loopback address, so the per-address rate limits do not hide the handlers. In the
 * suite: a bounded run (see pom.xml, fuzz.duration).
 */
class HttpFuzzTest {
    static final List<String[]> ROUTES = List.of(
            new String[] {"POST", "/status"},
            new String[] {"POST", "/api/v1/clients/pi/report"},
            new String[] {"PUT", "/api/v1/hosts/fz"},
            new String[] {"PUT", "/api/v1/schedules/fz"},
            new String[] {"POST", "/api/v1/tokens"},
            new String[] {"POST", "/api/v1/users"},
            new String[] {"POST", "/api/v1/drills"},
            new String[] {"PUT", "/api/v1/ups/rack/variables/ups.delay.shutdown"},
            new String[] {"POST", "/api/v1/ups/rack/commands/beeper.disable"},
            new String[] {"PUT", "/api/v1/config/energy"},
            new String[] {"PUT", "/api/v1/config/recovery"},
            new String[] {"POST", "/api/v1/config/check"},
            new String[] {"POST", "/api/v1/login"},
            new String[] {"PUT", "/api/v1/log-levels/io.gridwatch.fuzz"},
            new String[] {"POST", "/api/v1/notifications/test"});

    static ApiSite site;
    static int requests;

    static synchronized ApiSite site() throws Exception {
        if (site == null) {
            site = ApiSite.start(Files.createTempDirectory("gw-http-fuzz"));
        }
        return site;
    }

    @FuzzTest(maxDuration = "20s")
    void noBodyMakesAnyWriteRouteFailOrEscape(FuzzedDataProvider data) throws Exception {
        // the server and this client talk over loopback only; Jazzer's SSRF detector is told so
        com.code_intelligence.jazzer.api.BugDetectors.allowNetworkConnections(
                (host, port) -> host.startsWith("127.") || host.equals("localhost"));
        ApiSite s = site();
        String[] route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        String body = data.consumeRemainingAsString();
        int n = ++requests;
        String reply = send(s, route[0], route[1], body, InetAddress.getByAddress(new byte[] {127, (byte) (n >> 16),
                (byte) (n >> 8), (byte) (n | 1)}));
        int status = Integer.parseInt(reply.substring(9, 12));
        assertThat(status).as(route[0] + " " + route[1] + " " + body + " -> " + reply).isLessThan(500);
        if (status >= 400) {
            assertThat(reply).containsIgnoringCase("application/problem+json");
        }
        if (n % 50 == 0) {
            Path file = s.server.dir().resolve("gridwatch.yaml");
            ConfigLoader.load(file); // throws if a write let a broken configuration through
            String text = Files.readString(file);
            assertThat(text).doesNotContain("/etc/").doesNotContain("data_dir");
            assertThat(text.split("driver: command", -1)).as("no program-running UPS added").hasSize(2);
        }
    }

    static String send(ApiSite s, String method, String path, String body, InetAddress from) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        int port = s.server.app().http().boundAddress().getPort();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nCookie: "
                    + s.admin.cookie() + "\r\nX-CSRF-Token: " + s.admin.csrf() + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
