package io.gridwatch.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.Lan;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.WakeListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Wake-on-LAN end to end, with machines that really wait for their packet: three hosts in network namespaces on
 * one bridge, each a {@link WakeListener} that starts answering its web probe only after its magic packets arrive
 * (storage after two, the hypervisor after one, "dead" never). After an outage of a dummy UPS, the server must wake
 * group 1 before group 2, retry "dead" to its last attempt through a settings change and a restart, record one event
 * per packet with its details, and cancel a later wake-up (one event per host) when the power fails again. A
 * capture on every interface of the machine shows magic packets only on the test LAN.
 */
class WakeOnLanTest {
    static final String MAC_STORAGE = "02:00:00:00:00:10";
    static final String MAC_HV = "02:00:00:00:00:11";
    static final String MAC_DEAD = "02:00:00:00:00:12";

    static String yaml(Lan lan, String printerAddress) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 200ms }
                recovery: { delay: 2s, attempts: 3, verify_after: 3s, max_backoff: 6s, broadcast: %s, port: 9 }
                hosts:
                  storage: { address: %s, mac: "%s", group: 1, probe: "http://%s:8080/" }
                  hv:      { address: %s, mac: "%s", group: 2, probe: "http://%s:8080/" }
                  dead:    { address: %s, mac: "%s", group: 2, probe: "http://%s:8080/" }
                  printer: { address: %s }
                """.formatted(lan.broadcast(), lan.address(0), MAC_STORAGE, lan.address(0), lan.address(1), MAC_HV,
                lan.address(1), lan.address(2), MAC_DEAD, lan.address(2), printerAddress);
    }

    @Test
    void wakesGroupByGroupAndRetriesToTheEndThroughASettingsChangeAndARestart(@TempDir Path dir) throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Lan lan = Lan.create(3)) {
            Path[] logs = {dir.resolve("storage.log"), dir.resolve("hv.log"), dir.resolve("dead.log")};
            String[] macs = {MAC_STORAGE, MAC_HV, MAC_DEAD};
            int[] needed = {2, 1, 0};
            for (int i = 0; i < 3; i++) {
                lan.startJava(i, WakeListener.class, List.of(macs[i], Integer.toString(needed[i]), "9", "8080"), logs[i]);
            }
            for (Path log : logs) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !Lan.lines(log).isEmpty());
            }
            List<String> captured = new CopyOnWriteArrayList<>();
            Process capture = new ProcessBuilder("tcpdump", "-i", "any", "-nn", "-l", "-q", "udp", "port", "9")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(capture.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        captured.add(line);
                    }
                } catch (java.io.IOException e) {
                    // capture ended
                }
            });
            Thread.sleep(1000); // tcpdump is listening
            Path data = dir.resolve("server");
            java.nio.file.Files.createDirectories(data);
            try {
                TestServer s = TestServer.start(data, yaml(lan, "127.0.0.1"), Map.of("rack.dev", "ups.status: OL\n"));
                String password = s.app().initialAdminPassword();
                try {
                    s.write("rack.dev", "ups.status: OB DISCHRG\n");
                    await().atMost(Duration.ofSeconds(10)).until(() -> s.app().hub().snapshot(UpsName.of("rack"))
                            .statusLine().startsWith("OB"));
                    s.write("rack.dev", "ups.status: OL\n");

                    // storage answers after its second packet; only then does group 2 start
                    await().atMost(Duration.ofSeconds(30)).until(() -> packets(logs[1]).size() == 1
                            && packets(logs[2]).size() == 1);
                    assertThat(packets(logs[0])).hasSize(2);
                    assertThat(Lan.lines(logs[0])).anyMatch(l -> l.startsWith("booted "));
                    long lastStorage = packets(logs[0]).get(1);
                    assertThat(packets(logs[1]).get(0)).as("group 2 after group 1 answered").isGreaterThan(lastStorage);
                    assertThat(packets(logs[2]).get(0)).isGreaterThan(lastStorage);

                    // a settings change while "dead" is being retried: an unrelated host is edited
                    Api admin = Api.of(s).login("admin", password);
                    Api.Response edit = admin.put("/api/v1/hosts/printer", "{\"address\":\"127.0.0.2\"}");
                    assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(20)).until(() -> packets(logs[2]).size() == 2);
                } finally {
                    s.close(); // a restart between the second and the third packet
                }
                TestServer again = TestServer.start(data, java.nio.file.Files.readString(data.resolve("gridwatch.yaml")),
                        Map.of());
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> again.app().journal().all().stream()
                            .anyMatch(e -> e.type().equals("wake-finished")));
                    assertThat(packets(logs[0])).hasSize(2);
                    assertThat(packets(logs[1])).hasSize(1);
                    assertThat(packets(logs[2])).as("every attempt, through the settings change and the restart")
                            .hasSize(3);
                    Api admin = Api.of(again).login("admin", password);
                    JsonNode hosts = admin.get("/api/v1/clients").json();
                    assertThat(state(hosts, "storage")).as("kept across the restart").isEqualTo("awake");
                    assertThat(state(hosts, "hv")).isEqualTo("awake");
                    assertThat(state(hosts, "dead")).isEqualTo("wol_failed");

                    await().atMost(Duration.ofSeconds(20)).until(() -> archived(admin, "wake-failed").size() == 1);
                    List<JsonNode> wakeEvents = archived(admin, "wake-sent");
                    assertThat(wakeEvents).as("one event per magic packet").hasSize(6);
                    assertThat(wakeEvents.stream().filter(e -> e.get("details").get("host").asString().equals("dead"))
                            .map(e -> e.get("details").get("attempt").asInt()).sorted().toList())
                            .containsExactly(1, 2, 3);
                    assertThat(archived(admin, "client")).as("no second entry for the host states the server set")
                            .isEmpty();
                    assertThat(archived(admin, "wake-failed")).singleElement()
                            .satisfies(e -> assertThat(e.get("details").get("host").asString()).isEqualTo("dead"));

                    // power fails again before the next wake-up: each host's wake-up is cancelled
                    List<UpsEvent.WakeCancelled> cancelled = new CopyOnWriteArrayList<>();
                    again.app().hub().subscribe("test", e -> {
                        if (e instanceof UpsEvent.WakeCancelled c) {
                            cancelled.add(c);
                        }
                    });
                    again.write("rack.dev", "ups.status: OB DISCHRG\n");
                    await().atMost(Duration.ofSeconds(10)).until(() -> again.app().hub().snapshot(UpsName.of("rack"))
                            .statusLine().startsWith("OB"));
                    again.write("rack.dev", "ups.status: OL\n");
                    await().atMost(Duration.ofSeconds(10)).until(() -> again.app().journal().all().stream()
                            .anyMatch(e -> e.type().equals("wake-planned")));
                    again.write("rack.dev", "ups.status: OB DISCHRG\n");
                    await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.size() == 3);
                    assertThat(cancelled).extracting(UpsEvent.WakeCancelled::host)
                            .containsExactlyInAnyOrder("storage", "hv", "dead");
                    Thread.sleep(3000);
                    assertThat(packets(logs[2])).as("nothing sent after the cancel").hasSize(3);
                } finally {
                    again.close();
                }
            } finally {
                capture.destroy();
                capture.waitFor();
            }
            List<String> magic = captured.stream().filter(l -> l.contains(".9: UDP")).toList();
            assertThat(magic).as("the magic packets were seen").isNotEmpty();
            assertThat(magic).as("magic packets only on the test LAN").allSatisfy(l ->
                    assertThat(lan.interfaces()).contains(l.split("\\s+")[1]));
        }
    }

    private static List<Long> packets(Path log) throws java.io.IOException {
        List<Long> out = new ArrayList<>();
        for (String l : Lan.lines(log)) {
            if (l.startsWith("packet ")) {
                out.add(Long.parseLong(l.split(" ")[2]));
            }
        }
        return out;
    }

    private static String state(JsonNode clients, String host) {
        for (JsonNode c : clients) {
            if (c.get("host").asString().equals(host)) {
                return c.get("state").asString();
            }
        }
        return "not listed";
    }

    private static List<JsonNode> archived(Api admin, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/api/v1/events/archive?type=" + type + "&limit=500").json().get("items").forEach(out::add);
        return out;
    }
}
