package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.gridwatch.testing.Api;
import io.gridwatch.testing.MqttBroker;
import io.gridwatch.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * MQTT with Home Assistant discovery against a real broker ({@link MqttBroker}: the machine's Mosquitto on
 * 127.0.0.1:1883 when it runs one, else HiveMQ CE started in the test JVM): a server
 * with a dummy UPS, a sentinel-style UPS and a protected machine publishes discovery configs as Home Assistant
 * reads them, retained state that follows the UPS, and notifications on the event topic. Topic prefixes are
 * unique per run, and every retained message is removed afterwards.
 */
@org.junit.jupiter.api.Tag("services")
class MqttHomeAssistantTest {
    static final MqttBroker.Broker BROKER = MqttBroker.get();

    record Message(String payload, boolean retained) {
        JsonNode json() {
            return HttpPost.JSON.readTree(payload);
        }
    }

    /** What a client subscribing now gets for {@code topic}: the broker's retained message (flagged so). */
    private static Message retained(String topic) throws Exception {
        Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("late-" + UUID.randomUUID())
                .serverHost(BROKER.host()).serverPort(BROKER.port()).buildBlocking();
        c.connect();
        try (var publishes = c.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            var p = publishes.receive(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
            return new Message(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain());
        } finally {
            c.disconnect();
        }
    }

    @Test
    void discoveryStateAndEventsAsHomeAssistantExpects(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "gwtest-" + run;
        String dp = "hatest-" + run;
        Map<String, Message> last = new ConcurrentHashMap<>();
        List<String> events = new CopyOnWriteArrayList<>();
        Mqtt3BlockingClient watcher = MqttClient.builder().useMqttVersion3().identifier("watch-" + run)
                .serverHost(BROKER.host()).serverPort(BROKER.port()).buildBlocking();
        watcher.connect();
        try {
            watcher.toAsync().subscribeWith().topicFilter(prefix + "/#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
                String payload = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
                last.put(p.getTopic().toString(), new Message(payload, p.isRetain()));
                if (p.getTopic().toString().equals(prefix + "/event")) {
                    events.add(payload);
                }
            }).send().get();
            watcher.toAsync().subscribeWith().topicFilter(dp + "/#").qos(MqttQos.AT_LEAST_ONCE).callback(p ->
                    last.put(p.getTopic().toString(), new Message(new String(p.getPayloadAsBytes(),
                            StandardCharsets.UTF_8), p.isRetain()))).send().get();
            Path mains = Files.writeString(dir.resolve("mains"), "on\n");
            try (TestServer server = TestServer.start(dir, """
                    nut: { listen: ["127.0.0.1:0"] }
                    http: { listen: "127.0.0.1:0" }
                    ups:
                      rack: { description: "Rack UPS", driver: dummy, file: rack.dev, pollinterval: 200ms }
                      grid:
                        driver: command
                        command: ["/bin/sh", "-c", "grep -q on '%s'"]
                        interval: 100ms
                        fail_rounds: 1
                    hosts:
                      nas: { ups: rack, address: 127.0.0.10, shutdown_delay: 5m }
                    notify:
                      channels:
                        ha:
                          type: mqtt
                          broker: 127.0.0.1
                          broker_port: %d
                          client_id: gw-%s
                          prefix: %s
                          discovery_prefix: %s
                          events: [power-lost, power-restored]
                    """.formatted(mains, BROKER.port(), run, prefix, dp), Map.of("rack.dev", "ups.status: OL\nbattery.charge: 100\n"
                    + "battery.runtime: 1800\nups.load: 23\ninput.voltage: 230.5\ndevice.mfr: Eaton\n"
                    + "device.model: 5P 1550\n"))) {
                String charge = dp + "/sensor/gridwatch_rack/charge/config";
                await().atMost(Duration.ofSeconds(15)).until(() -> last.containsKey(charge)
                        && last.containsKey(prefix + "/ups/rack/state"));
                JsonNode c = last.get(charge).json();
                Message kept = retained(charge);
                assertThat(kept.retained()).as("kept by the broker for Home Assistant").isTrue();
                assertThat(kept.payload()).isEqualTo(last.get(charge).payload());
                assertThat(c.get("name").asString()).isEqualTo("Battery charge");
                assertThat(c.get("unique_id").asString()).isEqualTo("gridwatch_rack_charge");
                assertThat(c.get("state_topic").asString()).isEqualTo(prefix + "/ups/rack/state");
                assertThat(c.get("value_template").asString()).isEqualTo("{{ value_json.charge }}");
                assertThat(c.get("device_class").asString()).isEqualTo("battery");
                assertThat(c.get("unit_of_measurement").asString()).isEqualTo("%");
                assertThat(c.get("state_class").asString()).isEqualTo("measurement");
                assertThat(c.get("default_entity_id").asString()).isEqualTo("sensor.gridwatch_rack_charge");
                assertThat(c.get("availability_mode").asString()).isEqualTo("all");
                assertThat(c.get("availability").findValuesAsString("topic"))
                        .containsExactly(prefix + "/status", prefix + "/ups/rack/availability");
                assertThat(c.get("device").get("identifiers").get(0).asString()).isEqualTo("gridwatch_rack");
                assertThat(c.get("device").get("name").asString()).isEqualTo("Rack UPS");
                assertThat(c.get("device").get("manufacturer").asString()).isEqualTo("Eaton");
                assertThat(c.get("device").get("model").asString()).isEqualTo("5P 1550");
                assertThat(last).containsKeys(dp + "/sensor/gridwatch_rack/runtime/config",
                        dp + "/sensor/gridwatch_rack/load/config", dp + "/sensor/gridwatch_rack/input_voltage/config",
                        dp + "/sensor/gridwatch_rack/status/config", dp + "/binary_sensor/gridwatch_rack/on_battery/config",
                        dp + "/binary_sensor/gridwatch_rack/low_battery/config")
                        .as("no entity for a variable the UPS does not have")
                        .doesNotContainKey(dp + "/sensor/gridwatch_rack/realpower/config");
                assertThat(last.get(dp + "/sensor/gridwatch_rack/runtime/config").json().get("device_class").asString())
                        .isEqualTo("duration");
                assertThat(last.get(prefix + "/status").payload()).isEqualTo("online");
                await().atMost(Duration.ofSeconds(5)).until(() -> last.containsKey(prefix + "/ups/rack/availability"));
                assertThat(last.get(prefix + "/ups/rack/availability").payload()).isEqualTo("online");

                await().atMost(Duration.ofSeconds(10)).until(() -> last.containsKey(
                        dp + "/binary_sensor/gridwatch_grid/sentinel_command/config"));
                JsonNode sentinel = last.get(dp + "/binary_sensor/gridwatch_grid/sentinel_command/config").json();
                assertThat(sentinel.get("device_class").asString()).isEqualTo("connectivity");
                assertThat(sentinel.get("value_template").asString())
                        .isEqualTo("{{ 'ON' if value_json.sensors['command'] else 'OFF' }}");
                await().atMost(Duration.ofSeconds(10)).until(() -> last.get(prefix + "/ups/grid/state")
                        .json().get("sensors").path("command").asBoolean(false));

                JsonNode state = last.get(prefix + "/ups/rack/state").json();
                Message keptState = retained(prefix + "/ups/rack/state");
                assertThat(keptState.retained()).isTrue();
                assertThat(keptState.payload()).isEqualTo(last.get(prefix + "/ups/rack/state").payload());
                assertThat(state.get("status").asString()).isEqualTo("OL");
                assertThat(state.get("on_battery").asBoolean()).isFalse();
                assertThat(state.get("charge").asDouble()).isEqualTo(100.0);
                assertThat(state.get("input_voltage").asDouble()).isEqualTo(230.5);

                server.write("rack.dev", "ups.status: OB DISCHRG\nbattery.charge: 91\nbattery.runtime: 1500\n"
                        + "ups.load: 23\ninput.voltage: 0\ndevice.mfr: Eaton\ndevice.model: 5P 1550\n");
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        last.get(prefix + "/ups/rack/state").json().get("on_battery").asBoolean());
                assertThat(last.get(prefix + "/ups/rack/state").json().get("charge").asDouble()).isEqualTo(91.0);
                await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
                JsonNode e = HttpPost.JSON.readTree(events.get(0));
                assertThat(e.get("type").asString()).isEqualTo("power-lost");
                assertThat(e.get("ups").asString()).isEqualTo("rack");
                assertThat(e.get("title").asString()).isEqualTo("Power lost: rack is on battery");
                assertThat(e.get("details").get("charge").asString()).isEqualTo("91");

                String token = Api.of(server).login("admin", server.app().initialAdminPassword()).post(
                        "/api/v1/tokens", "{\"name\":\"agent\",\"scopes\":[\"client\"]}").json().get("token").asString();
                Api.Response r = Api.of(server).token(token).post("/api/v1/clients/nas/report",
                        "{\"status\":\"shutdown_pending\",\"remaining_seconds\":240}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> last.containsKey(prefix + "/host/nas/state")
                        && last.containsKey(dp + "/sensor/gridwatch_host_nas/shutdown_in/config"));
                JsonNode host = last.get(prefix + "/host/nas/state").json();
                assertThat(host.get("state").asString()).isEqualTo("shutdown_pending");
                assertThat(host.get("remaining_seconds").asInt()).isEqualTo(240);
                JsonNode countdown = last.get(dp + "/sensor/gridwatch_host_nas/shutdown_in/config").json();
                assertThat(countdown.get("unit_of_measurement").asString()).isEqualTo("s");
                assertThat(countdown.get("device").get("via_device").asString()).isEqualTo("gridwatch_rack");
                assertThat(countdown.get("value_template").asString()).as("no countdown is no value, not 'unknown'")
                        .doesNotContain("'unknown'").contains("else None");

                List<String> problems = new java.util.ArrayList<>();
                int configs = 0;
                for (Map.Entry<String, Message> m : last.entrySet()) {
                    if (m.getKey().startsWith(dp + "/") && m.getKey().endsWith("/config")) {
                        configs++;
                        String component = m.getKey().substring(dp.length() + 1).split("/")[0];
                        problems.addAll(HomeAssistantSchema.problems(component, m.getValue().json()));
                    }
                }
                assertThat(configs).as("discovery configs seen").isGreaterThanOrEqualTo(10);
                assertThat(problems).as("every discovery payload as Home Assistant's schema takes it").isEmpty();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(last.get(prefix + "/status").payload()));
        } finally {
            for (Map.Entry<String, Message> m : last.entrySet()) {
                if (!m.getKey().endsWith("/event")) {
                    watcher.publishWith().topic(m.getKey()).retain(true).payload(new byte[0]).send();
                }
            }
            watcher.disconnect();
        }
    }

    /**
     * A UPS mirrored from a real upsd that dies: its entities go unavailable within 5 s (its availability topic says
     * offline while Gridwatch itself stays online), and come back once upsd answers again.
     */
    @Test
    void aUpsWhoseUpstreamDiesGoesUnavailableAndComesBack(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "gwtest-" + run;
        List<io.gridwatch.testing.RealNut.Device> devices = List.of(new io.gridwatch.testing.RealNut.Device("ups",
                "Basement UPS", "ups.status: OL\nbattery.charge: 88\nups.load: 21\n"));
        Map<String, Message> last = new ConcurrentHashMap<>();
        Mqtt3BlockingClient watcher = MqttClient.builder().useMqttVersion3().identifier("watch-" + run)
                .serverHost(BROKER.host()).serverPort(BROKER.port()).buildBlocking();
        watcher.connect();
        try (io.gridwatch.testing.RealNut real = io.gridwatch.testing.RealNut.start(dir.resolve("nut"), devices, "")) {
            watcher.toAsync().subscribeWith().topicFilter(prefix + "/#").qos(MqttQos.AT_LEAST_ONCE).callback(p ->
                    last.put(p.getTopic().toString(), new Message(new String(p.getPayloadAsBytes(),
                            StandardCharsets.UTF_8), p.isRetain()))).send().get();
            try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("gw")), """
                    nut: { listen: ["127.0.0.1:0"] }
                    ups:
                      mirror: { driver: nut, upstream: "ups@127.0.0.1:%d", poll: 200ms }
                    notify:
                      channels:
                        ha: { type: mqtt, broker: 127.0.0.1, broker_port: %d, client_id: gw-%s, prefix: %s,
                              discovery_prefix: hatest-%s, events: [comm-lost] }
                    """.formatted(real.port(), BROKER.port(), run, prefix, run), Map.of())) {
                String available = prefix + "/ups/mirror/availability";
                await().atMost(Duration.ofSeconds(15)).until(() -> last.containsKey(available)
                        && "online".equals(last.get(available).payload()));
                assertThat(retained(available).retained()).isTrue();

                real.stopUpsd();
                long lost = System.nanoTime();
                await().atMost(Duration.ofSeconds(5)).until(() -> "offline".equals(last.get(available).payload()));
                long tookMs = (System.nanoTime() - lost) / 1_000_000;
                assertThat(last.get(prefix + "/status").payload()).as("Gridwatch itself is still there")
                        .isEqualTo("online");
                assertThat(tookMs).isLessThan(5000);

                real.startUpsd(devices);
                await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(last.get(available).payload()));
            }
        } finally {
            for (String topic : last.keySet()) {
                if (!topic.endsWith("/event")) {
                    watcher.publishWith().topic(topic).retain(true).payload(new byte[0]).send();
                }
            }
            for (String kind : List.of("sensor", "binary_sensor")) {
                for (String o : List.of("status", "charge", "load", "on_battery", "low_battery")) {
                    watcher.publishWith().topic("hatest-" + run + "/" + kind + "/gridwatch_mirror/" + o + "/config")
                            .retain(true).payload(new byte[0]).send();
                }
            }
            watcher.disconnect();
        }
    }
}
