package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Api;
import io.gridwatch.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An agent with a hub: it takes its shutdown delay from the server's hosts: entry (not its own file), reports
 * online, then its countdown when the UPS goes on battery, and the dashboard's API shows it; power back cancels
 * the countdown. And the server, announced by mDNS on loopback only, is found there.
 */
class AgentHubTest {
    static final String YAML = """
            nut:
              listen: ["127.0.0.1:0"]
              advertise: true
            http:
              listen: "127.0.0.1:0"
            ups:
              ups:
                driver: dummy
                file: ups.dev
                pollinterval: 200ms
            hosts:
              nas: { ups: ups, address: 127.0.0.1, shutdown_delay: 10m }
            """;

    @Test
    void countdownIsVisibleThroughTheApi(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, YAML, Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            Api admin = Api.of(server).login("admin", server.app().initialAdminPassword());
            Api.Response t = admin.post("/api/v1/tokens", "{\"name\":\"nas\",\"scopes\":[\"client\"]}");
            assertThat(t.status()).isEqualTo(201);
            String yaml = """
                    host: nas
                    monitor:
                      ups: { ups: ups@127.0.0.1:%d }
                    poll: 200ms
                    policy: { shutdown_delay: 1m }
                    hub: { url: "http://127.0.0.1:%d", token: "%s", heartbeat: 1s }
                    shutdown_command: ["/bin/false"]
                    """.formatted(server.port(), server.app().http().boundAddress().getPort(),
                    t.json().get("token").asString());
            Agent agent = new Agent(AgentConfigLoader.parse(yaml, dir.resolve("agent.yaml"), dir), Clock.systemUTC(), true);
            agent.loadHubSettings();
            Thread loop = Thread.ofPlatform().start(agent::run);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(nas(admin).get("state").asString()));
                server.write("ups.dev", "ups.status: OB DISCHRG\nbattery.charge: 80\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> "shutdown_pending".equals(nas(admin).get("state").asString()));
                JsonNode nas = nas(admin);
                assertThat(nas.get("remaining_seconds").asInt()).as("the hub's 10 min, not the file's 1 min")
                        .isBetween(590, 600);
                server.write("ups.dev", "ups.status: OL CHRG\nbattery.charge: 80\n");
                Thread.sleep(5000);
                assertThat(nas(admin).get("state").asString()).as("on line for 5 s: the countdown runs on until power "
                        + "has been back for restore_after (10 s)").isEqualTo("shutdown_pending");
                await().atMost(Duration.ofSeconds(15)).until(() -> "online".equals(nas(admin).get("state").asString()));
                assertThat(agent.shutdownOutcome()).isNull();
            } finally {
                agent.close();
                loop.join(5000);
            }
        }
    }

    @Test
    void discoveryFindsTheServerOnLoopback(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, YAML, Map.of("ups.dev", "ups.status: OL\n"))) {
            List<Discovery.Found> found = List.of();
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                found = Discovery.find(java.net.InetAddress.getLoopbackAddress(), Duration.ofSeconds(2)).stream()
                        .filter(f -> f.port() == server.port()).toList();
                if (!found.isEmpty()) {
                    break;
                }
            }
            assertThat(found).hasSize(1);
            Discovery.Found f = found.get(0);
            assertThat(f.gridwatch()).isTrue();
            assertThat(f.properties()).containsEntry("http", Integer.toString(server.app().http().boundAddress().getPort()));
            assertThat(f.host()).isEqualTo("127.0.0.1");
        }
    }

    private static JsonNode nas(Api admin) throws Exception {
        for (JsonNode c : admin.get("/api/v1/clients").json()) {
            if (c.get("host").asString().equals("nas")) {
                return c;
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("state", "not reported");
    }
}
