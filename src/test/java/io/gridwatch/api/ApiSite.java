package io.gridwatch.api;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small site for the API tests, all on loopback: a dummy UPS {@code rack} with writable variables and
 * commands, a drillable UPS {@code grid} whose mains sensor is a command reading a file the test flips, two hosts
 * (a protected NAS with a MAC, whose magic packets go to a loopback port, and a protected Pi that ignores drills),
 * a schedule. Every address is on loopback: nothing a test does leaves the machine. Logged in as the generated
 * admin.
 */
final class ApiSite implements AutoCloseable {
    final TestServer server;
    final Api admin;
    final Path mains;

    private ApiSite(TestServer server, Path mains) throws Exception {
        this.server = server;
        this.mains = mains;
        this.admin = Api.of(server).login("admin", server.app().initialAdminPassword());
    }

    static ApiSite start(Path dir) throws Exception {
        return start(dir, 9);
    }

    /** @param wakePort where magic packets go (on 127.0.0.1) */
    static ApiSite start(Path dir, int wakePort) throws Exception {
        Path mains = Files.writeString(dir.resolve("mains"), "on\n");
        String yaml = """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    admin: { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                http:
                  listen: "127.0.0.1:0"
                ups:
                  rack:
                    description: "Rack UPS"
                    driver: dummy
                    file: rack.dev
                    pollinterval: 200ms
                    commands: [beeper.disable, test.battery.start]
                    variables:
                      input.sensitivity: { type: string, length: 8, enum: [low, normal, high], value: normal }
                      ups.delay.shutdown: { type: number, range: ["0-600"], value: "20" }
                  grid:
                    description: "Inverter"
                    driver: command
                    command: ["/bin/sh", "-c", "grep -q on '%s'"]
                    interval: 100ms
                    fail_rounds: 1
                    restore_after: 200ms
                recovery: { delay: 1h, broadcast: 127.0.0.1, port: %d }
                hosts:
                  nas: { ups: grid, address: 127.0.0.10, mac: "52:54:00:00:00:01", shutdown_delay: 10m, probe: "http://127.0.0.1:1/" }
                  pi: { ups: grid, address: 127.0.0.11, shutdown_delay: 2m, ignore_drills: true }
                schedules:
                  weekly: { ups: [grid], day: sunday, start: "03:00", stop: "03:20" }
                """.formatted(mains, wakePort);
        TestServer s = TestServer.start(dir, yaml, Map.of("rack.dev",
                "ups.status: OL\nbattery.charge: 100\nups.load: 23\nbattery.runtime: 1800\n"));
        ApiSite site = new ApiSite(s, mains);
        site.awaitSensorsProbed();
        return site;
    }

    /** Until the grid UPS's sensor has had its first probe: before it, its state is honestly "unknown". */
    private void awaitSensorsProbed() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            Api.Response r = admin.get("/api/v1/ups/grid");
            return r.status() == 200 && "up".equals(r.json().get("sensors").get(0).get("state").asString());
        });
    }

    String adminToken(String scopes) throws Exception {
        return token(scopes);
    }

    /** A new API token with these scopes (comma-separated). */
    String token(String scopes) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String s : scopes.split(",")) {
            list.append(list.isEmpty() ? "" : ",").append(Api.q(s.trim()));
        }
        Api.Response r = admin.post("/api/v1/tokens", "{\"name\":\"t-" + scopes.replace(',', '-')
                + "\",\"scopes\":[" + list + "]}");
        if (r.status() != 201) {
            throw new IllegalStateException(r.toString());
        }
        return r.json().get("token").asString();
    }

    /** Logs in as a new viewer. */
    Api viewer() throws Exception {
        Api.Response r = admin.post("/api/v1/users", "{\"name\":\"vera\",\"role\":\"viewer\",\"password\":\"viewer-password\"}");
        if (r.status() != 201 && r.status() != 409) {
            throw new IllegalStateException(r.toString());
        }
        return Api.of(server).login("vera", "viewer-password");
    }

    void grid(boolean on) throws Exception {
        Files.writeString(mains, on ? "on\n" : "off\n");
    }

    @Override
    public void close() {
        server.close();
    }
}
