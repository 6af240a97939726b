package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.LogCapture;
import io.gridwatch.testing.Wire;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side attacked as the field report did, one named test per attack, in the style of the NUT
 * malformed-input suite: each sends the attack to a server booted in-process, checks the answer, and then that the
 * server is unharmed: NUT still answers {@code VER}, {@code /healthz} is 200, and the heap has not grown by more
 * than a bound.
 */
class HttpAttackTest {
    @TempDir
    static Path dir;
    static ApiSite site;
    static String client;

    @BeforeAll
    static void start() throws Exception {
        site = ApiSite.start(dir);
        client = site.token("client");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @AfterEach
    void serverIsUnharmed() throws Exception {
        try (Wire w = site.server.wire()) {
            assertThat(w.ask("VER")).startsWith("Network UPS Tools upsd");
        }
        assertThat(site.admin.get("/healthz").status()).isEqualTo(200);
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static String status(String ip, String state) {
        return "{\"ip\":\"" + ip + "\",\"status\":\"" + state + "\"}";
    }

    @Test
    void aHugeIpInStatusIsRefusedNotStoredNotLogged() throws Exception {
        String huge = "1".repeat(900_000);
        long before = heapAfterGc();
        try (LogCapture log = new LogCapture()) {
            var a = site.server.app().http().boundAddress();
            for (int i = 0; i < 60; i++) {
                byte[] body = status(huge + i, "online").getBytes(StandardCharsets.US_ASCII);
                try (Socket s = new Socket("127.0.0.1", a.getPort())) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + client
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    assertThat(reply).as("post %d: refused before its body is sent", i).isEqualTo("HTTP/1.1 413");
                }
            }
            String long10k = "2".repeat(10_000);
            for (int i = 0; i < 30; i++) {
                Api.Response r = site.admin.token(client).post("/status", status(long10k + i, "online"));
                assertThat(r.status()).as("post %d", i).isIn(400, 429);
                if (r.status() == 400) {
                    assertThat(r.json().get("field").asString()).isEqualTo("ip");
                    assertThat(r.body().length()).as("the answer does not echo the value").isLessThan(1000);
                }
            }
            assertThat(log.characters()).as("nothing of it reaches the log").isLessThan(20_000);
        }
        assertThat(heapAfterGc() - before).as("heap growth").isLessThan(32L << 20);
        assertThat(site.admin.get("/api/v1/clients/unconfigured").json().toString()).doesNotContain("1111111111")
                .doesNotContain("2222222222");
    }

    @Test
    void reportsFromManyUnknownAddressesKeepABoundedList() throws Exception {
        Api c = site.admin.token(client);
        for (int i = 0; i < 90; i++) {
            Api.Response r = patiently(c, status("192.0.2." + i, i % 2 == 0 ? "online" : "shutting_down"));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        JsonNode list = site.admin.get("/api/v1/clients/unconfigured").json();
        assertThat(list).as("at most 64, the most recent kept").hasSize(64);
        assertThat(list.get(0).get("address").asString()).isEqualTo("192.0.2.89");
        assertThat(site.admin.get("/api/v1/clients").json().toString()).as("none of them is a client")
                .doesNotContain("192.0.2.");
        assertThat(patiently(c, status("not-an-ip", "online")).status()).isEqualTo(400);
        Api.Response bad = patiently(c, status("::1", "sleeping"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("status");
    }

    /** A report sent again after the rate limit's 429 (this test is about the list's bound, not the limit). */
    private static Api.Response patiently(Api c, String body) throws Exception {
        Api.Response r = c.post("/status", body);
        for (int tries = 0; r.status() == 429 && tries < 5; tries++) {
            Thread.sleep(1000);
            r = c.post("/status", body);
        }
        return r;
    }

    @Test
    void aFloodOfReportsFromOneAddressIsSlowedDown() throws Exception {
        Api c = site.admin.token(client);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            Api.Response r = c.post("/status", status("198.51.100.7", "online"));
            if (r.status() == 429) {
                refused++;
                assertThat(r.header("Retry-After")).isPresent();
            }
        }
        assertThat(refused).as("past the burst, reports are refused with 429").isGreaterThan(100);
        Thread.sleep(2000);
    }

    @Test
    void theConfigApiNeverReturnsNutPasswordsAndKeepsThemWhenSentBack() throws Exception {
        Api.Response r = site.admin.get("/api/v1/config");
        assertThat(r.body()).doesNotContain("adminpass");
        assertThat(r.json().at("/sections/nut/users/admin/password").asString()).isEqualTo("********");
        String text = r.json().get("text").asString().replace("pollinterval: 200ms", "pollinterval: 300ms");
        Api.Response put = site.admin.put("/api/v1/config", "{\"text\":" + Api.q(text) + "}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        try (Wire w = site.server.wire()) {
            assertThat(w.ask("USERNAME admin")).isEqualTo("OK");
            assertThat(w.ask("PASSWORD adminpass")).as("the password was kept").isEqualTo("OK");
            assertThat(w.ask("INSTCMD rack beeper.disable")).isEqualTo("OK");
        }
    }

    @Test
    void aTokenIsWorthNoMoreThanItsOwnerNow() throws Exception {
        Api.Response u = site.admin.post("/api/v1/users", "{\"name\":\"carol\",\"role\":\"admin\",\"password\":\"carol-password\"}");
        assertThat(u.status()).isEqualTo(201);
        Api carol = Api.of(site.server).login("carol", "carol-password");
        String token = carol.post("/api/v1/tokens", "{\"name\":\"carols\",\"scopes\":[\"admin\"]}").json().get("token")
                .asString();
        Api t = site.admin.token(token);
        assertThat(t.get("/api/v1/config").status()).isEqualTo(200);
        assertThat(site.admin.put("/api/v1/users/carol", "{\"role\":\"viewer\"}").status()).isEqualTo(200);
        assertThat(t.get("/api/v1/config").status()).as("demoted owner: no admin any more").isEqualTo(403);
        assertThat(t.get("/api/v1/ups").status()).as("what a viewer may do").isEqualTo(200);
        assertThat(t.put("/api/v1/config/energy", "{\"value\":null}").status()).isEqualTo(403);
        assertThat(site.admin.delete("/api/v1/users/carol").status()).isEqualTo(204);
        Api.Response gone = t.get("/api/v1/ups");
        assertThat(gone.status()).as("deleted owner: nothing").isEqualTo(401);
        assertThat(gone.json().get("detail").asString()).contains("no longer exists");
    }

    @Test
    void aClientTokenLimitedToOneHostCannotSpeakForAnother() throws Exception {
        Api.Response made = site.admin.post("/api/v1/tokens",
                "{\"name\":\"pi only\",\"scopes\":[\"client\"],\"hosts\":[\"pi\"]}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        Api pi = site.admin.token(made.json().get("token").asString());
        assertThat(pi.post("/status", status("127.0.0.11", "online")).status()).isEqualTo(200);
        Api.Response other = pi.post("/status", status("127.0.0.10", "shutting_down"));
        assertThat(other.status()).as("the NAS is not this token's").isEqualTo(403);
        assertThat(other.json().get("detail").asString()).contains("pi").contains("nas");
        assertThat(pi.post("/status", status("203.0.113.9", "shutting_down")).status())
                .as("nor an unconfigured address").isEqualTo(403);
        assertThat(pi.post("/api/v1/clients/nas/report", "{\"status\":\"shutting_down\"}").status()).isEqualTo(403);
        assertThat(pi.get("/api/v1/clients/nas/settings").status()).isEqualTo(403);
        assertThat(pi.get("/api/v1/clients/pi/settings").status()).isEqualTo(200);
        assertThat(stateOf("nas")).as("the NAS was never set to shutting_down").isNotEqualTo("shutting_down");
        assertThat(site.admin.token(client).post("/status", status("127.0.0.10", "online")).status())
                .as("the seed's single shared token still works for configured hosts").isEqualTo(200);
        assertThat(site.admin.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"hosts\":[\"pi\"]}")
                .status()).as("only client tokens are limited to hosts").isEqualTo(400);
    }

    static String stateOf(String host) throws Exception {
        for (JsonNode c : site.admin.get("/api/v1/clients").json()) {
            if (c.get("host").asString().equals(host)) {
                return c.get("state").asString();
            }
        }
        return "none";
    }

    @Test
    void nothingThatRunsProgramsOrReadsFilesIsSetFromTheWeb() throws Exception {
        String text = site.admin.get("/api/v1/config").json().get("text").asString();
        String[][] attacks = {
                {text.replace("ups:\n", "ups:\n  evil:\n    driver: command\n    command: [\"/usr/bin/id\"]\n"),
                        "ups.evil.command"},
                {text.replace("grep -q on", "id; grep -q on"), "ups.grid.command"},
                {text + "data_dir: /etc\n", "data_dir"},
                {text.replace("file: rack.dev", "file: /etc/shadow"), "ups.rack.file"},
                {text.replace("driver: dummy", "driver: gpio\n    value_file: /etc/shadow"), "ups.rack.driver"},
                {text.replaceAll("(?s)  users:\n    admin: \\{[^}]*}\n", ""), "nut.users"}, // the last one
                {text.replaceAll("(?s)http:\n  listen: \"127.0.0.1:0\"\n", ""), "http"},
        };
        for (String[] a : attacks) {
            Api.Response r = site.admin.put("/api/v1/config", "{\"text\":" + Api.q(a[0]) + "}");
            assertThat(r.status()).as(a[1] + ": " + r).isEqualTo(403);
            assertThat(r.json().toString()).contains(a[1]);
        }
        Api.Response section = site.admin.put("/api/v1/config/data_dir", "{\"value\":\"/etc\"}");
        assertThat(section.status()).isEqualTo(403);
        assertThat(section.json().get("detail").asString()).contains("only be changed in the configuration file");
        assertThat(Files.readString(site.server.dir().resolve("gridwatch.yaml"))).doesNotContain("/etc");
        JsonNode reference = site.admin.get("/api/v1/config/reference").json();
        assertThat(reference.toString()).contains("\"path\":\"ups.<name>.command\"");
        for (JsonNode k : reference) {
            if (k.get("path").asString().equals("ups.<name>.command")) {
                assertThat(k.get("file_only").asBoolean()).as("the form shows it read-only").isTrue();
            }
        }
    }

    @Test
    void numbersOutOfRangeAre400NamingTheField() throws Exception {
        Api.Response huge = site.admin.put("/api/v1/hosts/pi", "{\"ups\":\"grid\",\"address\":\"127.0.0.11\","
                + "\"shutdown_delay\":\"99999999999999999d\"}");
        assertThat(huge.status()).as(huge.toString()).isEqualTo(400);
        assertThat(huge.json().get("field").asString()).isEqualTo("shutdown_delay");
        Api.Response big = site.admin.token(client).post("/status", "{\"ip\":\"127.0.0.11\",\"status\":\"online\","
                + "\"remaining_seconds\":1e300}");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("field").asString()).isEqualTo("remaining_seconds");
        Api.Response overflow = site.admin.token(client).post("/status", "{\"ip\":\"127.0.0.11\",\"status\":\"online\","
                + "\"shutdown_delay\":99999999999999999999999}");
        assertThat(overflow.status()).isEqualTo(400);
        Api.Response limit = site.admin.get("/api/v1/events?limit=99999999999999999999");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void longStringsAndListsAreRefusedWithTheirField() throws Exception {
        Api.Response name = site.admin.post("/api/v1/users", "{\"name\":\"" + "u".repeat(5000)
                + "\",\"role\":\"viewer\",\"password\":\"long-enough-pw\"}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("field").asString()).isEqualTo("name");
        Api.Response scopes = site.admin.post("/api/v1/tokens", "{\"name\":\"t\",\"scopes\":["
                + "\"read\",".repeat(1000) + "\"read\"]}");
        assertThat(scopes.status()).isEqualTo(400);
        assertThat(scopes.json().get("field").asString()).isEqualTo("scopes");
        Api.Response field = site.admin.put("/api/v1/hosts/pi", "{\"" + "k".repeat(100_000) + "\":1}");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body().length()).as("an unknown field name is not echoed whole").isLessThan(2000);
    }

    @Test
    void publicRoutesIgnoreABadBearerToken() throws Exception {
        Api bad = site.admin.token("gw_not-a-real-token");
        assertThat(bad.get("/version").status()).isEqualTo(200);
        assertThat(bad.get("/healthz").status()).isEqualTo(200);
        assertThat(bad.get("/api/v1/ups").status()).as("a protected route still refuses it").isEqualTo(401);
    }

    @Test
    void jettysOwnErrorsAreJsonProblemsWithoutParserInternals() throws Exception {
        var a = site.server.app().http().boundAddress();
        for (String request : new String[] {"GET /\u0001bad HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX: " + "y".repeat(20_000) + "\r\n\r\n", "BREW\r\n\r\n"}) {
            try (Socket s = new Socket("127.0.0.1", a.getPort())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                String reply = new String(in.readNBytes(4000), StandardCharsets.ISO_8859_1);
                assertThat(reply).as(reply).startsWith("HTTP/1.1 4").containsIgnoringCase("application/problem+json")
                        .doesNotContainIgnoringCase("<html").doesNotContain("Illegal character")
                        .doesNotContain("jetty");
            }
        }
    }

    @Test
    void refusingAnUnknownUserTakesAsLongAsAWrongPassword() throws Exception {
        var store = io.gridwatch.api.auth.AuthStore.open(dir.resolve("timing-auth.json"), 50_000,
                java.time.Clock.systemUTC()).store();
        store.verify("admin", "warm-up");
        store.verify("nobody", "warm-up");
        int n = 15;
        long[] known = new long[n];
        long[] unknown = new long[n];
        for (int i = 0; i < n; i++) { // alternating which goes first, so neither gets the warmer turn
            String first = i % 2 == 0 ? "admin" : "nobody";
            String second = i % 2 == 0 ? "nobody" : "admin";
            long t0 = System.nanoTime();
            store.verify(first, "wrong password");
            long a = System.nanoTime() - t0;
            t0 = System.nanoTime();
            store.verify(second, "wrong password");
            long b = System.nanoTime() - t0;
            known[i] = first.equals("admin") ? a : b;
            unknown[i] = first.equals("admin") ? b : a;
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        double ratio = (double) unknown[n / 2] / known[n / 2];
        assertThat(ratio).as("median unknown/known: %s ms vs %s ms (it was 2 ms vs 212 ms)", unknown[n / 2] / 1e6,
                known[n / 2] / 1e6).isBetween(0.5, 2.0);
    }

    @Test
    void theDataFolderIsPrivate() throws Exception {
        Path data = site.server.dir().resolve("gridwatch-data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(f);
                    assertThat(PosixFilePermissions.toString(p)).as(f.toString()).isEqualTo("rw-------");
                }
            }
        }
    }
}
