package io.gridwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import io.gridwatch.testing.Wire;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What must outlive a restart or a crash: the FSD latch (a secondary that connects after a restart during an
 * outage still sees FSD, as upsd would not show it), the audit entry of a command (on disk before the client reads
 * {@code OK}), and the notifications' memory (a restart during an outage does not announce "power lost" again).
 */
class StateSurvivesTest {
    static final String YAML = """
            nut:
              listen: ["127.0.0.1:0"]
              users:
                admin: { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                mon: { password: monpass, upsmon: primary }
                sec: { password: secpass, upsmon: secondary }
            ups:
              rack: { driver: dummy, file: rack.dev, pollinterval: 200ms, commands: [beeper.disable] }
            """;

    @Test
    void theFsdLatchSurvivesARestartAndALateSecondaryShutsDown(@TempDir Path dir) throws Exception {
        String yaml;
        try (TestServer s = TestServer.start(dir, YAML, Map.of("rack.dev", "ups.status: OB DISCHRG\nbattery.charge: 30\n"))) {
            yaml = Files.readString(dir.resolve("gridwatch.yaml"));
            try (Wire w = s.wire()) {
                w.ask("USERNAME mon");
                w.ask("PASSWORD monpass");
                assertThat(w.ask("LOGIN rack")).isEqualTo("OK");
                assertThat(w.ask("FSD rack")).isEqualTo("OK FSD-SET");
            }
        }
        try (TestServer again = TestServer.start(dir, yaml, Map.of());
             Upsmon late = Upsmon.start(dir.resolve("late"), "secondary", "MONITOR rack@127.0.0.1:" + again.port()
                     + " 1 sec secpass secondary", "POLLFREQ 1\nPOLLFREQALERT 1\nDEADTIME 15\nFINALDELAY 0\n")) {
            try (Wire w = again.wire()) {
                assertThat(w.ask("GET VAR rack ups.status")).isEqualTo("VAR rack ups.status \"FSD OB DISCHRG\"");
            }
            Upsmon.await(() -> !late.shutdowns().isEmpty(), late);
            assertThat(late.shutdowns()).as("the late secondary saw FSD and shut down (marker)").hasSize(1);
        }
    }

    @Test
    void aCommandsAuditEntryIsOnDiskBeforeTheClientReadsOk(@TempDir Path dir) throws Exception {
        Path crashed = dir.resolve("after-crash");
        String password;
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("live")), YAML,
                Map.of("rack.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> s.app().history().isPresent());
            password = s.app().initialAdminPassword();
            try (Wire w = s.wire()) {
                w.ask("USERNAME admin");
                w.ask("PASSWORD adminpass");
                assertThat(w.ask("INSTCMD rack beeper.disable")).isEqualTo("OK");
                copy(s.dir(), crashed); // what the disk holds the moment the client has its OK: a crash now
            }
        }
        try (TestServer after = TestServer.start(crashed, Files.readString(crashed.resolve("gridwatch.yaml")), Map.of())) {
            Api admin = Api.of(after).login("admin", password);
            await().atMost(Duration.ofSeconds(20)).until(() -> after.app().history().isPresent()
                    && !archived(admin, "command-requested").isEmpty());
            JsonNode e = archived(admin, "command-requested").get(0);
            assertThat(e.get("message").asString()).isEqualTo("INSTCMD beeper.disable requested by admin@127.0.0.1");
            assertThat(e.get("details").get("by").asString()).isEqualTo("admin@127.0.0.1");
        }
    }

    @Test
    void aRestartDuringAnOutageDoesNotAnnouncePowerLostAgain(@TempDir Path dir) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            String yaml = YAML + """
                    notify:
                      channels:
                        ops: { type: webhook, url: "http://127.0.0.1:%d/hook", events: [all] }
                    """.formatted(receiver.getAddress().getPort());
            try (TestServer s = TestServer.start(dir, yaml, Map.of("rack.dev", "ups.status: OL\n"))) {
                s.write("rack.dev", "ups.status: OB DISCHRG\n");
                await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "power-lost") == 1);
            }
            String file = Files.readString(dir.resolve("gridwatch.yaml"));
            try (TestServer again = TestServer.start(dir, file, Map.of())) {
                again.write("rack.dev", "ups.status: OL\n");
                await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "power-restored") == 1);
            }
            assertThat(count(received, "power-lost")).as("the outage was announced once, not again at the restart")
                    .isEqualTo(1);
            assertThat(count(received, "comm-restored")).as("finding the UPS at start-up is not 'contact is back'")
                    .isZero();
        } finally {
            receiver.stop(0);
        }
    }

    static long count(List<String> bodies, String type) {
        return bodies.stream().filter(b -> b.contains("\"type\":\"" + type + "\"")).count();
    }

    static List<JsonNode> archived(Api admin, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Api.Response r = admin.get("/api/v1/events/archive?type=" + type);
        if (r.status() == 200) {
            r.json().get("items").forEach(out::add);
        }
        return out;
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
