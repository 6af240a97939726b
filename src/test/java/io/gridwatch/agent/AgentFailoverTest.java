package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwatch.config.ConfigException;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that reads its UPS from two servers of one site (each with its own driver on the same grid): the server
 * in use dies in the middle of a countdown, the agent carries on with the other within a poll, and shuts down (a
 * marker script) at the time the countdown set, not later.
 */
class AgentFailoverTest {

    private static TestServer server(Path dir, Path pin) throws Exception {
        return TestServer.start(Files.createDirectories(dir), """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  grid: { driver: gpio, value_file: "%s", interval: 100ms, restore_after: 1s }
                """.formatted(pin), Map.of());
    }

    @Test
    void theServerInUseDiesDuringTheCountdownAndTheOtherCarriesItOn(@TempDir Path dir) throws Exception {
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        Path marker = dir.resolve("marker");
        Path script = Files.writeString(dir.resolve("shutdown.sh"), "#!/bin/sh\n# test stand-in: records the time\n"
                + "date +%s%3N >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TestServer first = server(dir.resolve("a"), pin);
        try (TestServer second = server(dir.resolve("b"), pin)) {
            AgentConfig config = AgentConfigLoader.parse("""
                    host: nas
                    monitor:
                      grid: { ups: "grid@127.0.0.1:%d", failover: ["grid@127.0.0.1:%d"] }
                    poll: 200ms
                    poll_on_battery: 200ms
                    policy: { shutdown_delay: 4s }
                    final_delay: 0s
                    shutdown_command: ["%s"]
                    """.formatted(first.port(), second.port(), script), dir.resolve("agent.yaml"), dir);
            Agent agent = new Agent(config, Clock.systemUTC(), false);
            Thread loop = Thread.ofPlatform().name("agent").start(agent::run);
            try {
                String id = config.monitors().get(0).id();
                await().atMost(Duration.ofSeconds(5)).until(() -> agent.state().ups().get(id).known());
                long lost = System.currentTimeMillis();
                Files.writeString(pin, "0\n");
                await().atMost(Duration.ofSeconds(3)).until(() -> agent.state().pendingSince() != null);
                Thread.sleep(1500);
                first.close(); // the server in use goes away in the middle of the countdown
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
                long ran = Long.parseLong(Files.readString(marker).strip());
                assertThat(ran - lost).as("ms from the grid's loss to the shutdown: the 4 s delay, not restarted at "
                        + "the switch (that would be 5.5 s or more)").isBetween(3800L, 5400L);
                assertThat(agent.state().ups().get(id).commLostAt()).as("the UPS never counted as lost").isNull();
                assertThat(second.app().hub().snapshot(UpsName.of("grid")).status().onBattery()).isTrue();
            } finally {
                agent.close();
                loop.join(5000);
            }
        } finally {
            first.close();
        }
    }

    @Test
    void failoverServersAreCheckedWhenLoaded(@TempDir Path dir) {
        assertThatThrownBy(() -> AgentConfigLoader.parse("""
                monitor:
                  grid: { ups: "grid@gw1.lan", failover: ["grid@gw1.lan:3493", "grid@gw2.lan:web"] }
                shutdown_command: ["/bin/true"]
                """, dir.resolve("agent.yaml"), dir)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).contains("monitor.grid.failover")
                                .contains("is the same server as ups"))
                        .anySatisfy(p -> assertThat(p).contains("monitor.grid.failover").contains("'grid@gw2.lan:web'")));
    }

    @Test
    void aMonitorWithoutFailoverIsUnchanged(@TempDir Path dir) throws Exception {
        AgentConfig c = AgentConfigLoader.parse("""
                monitor:
                  grid: { ups: "grid@gw1.lan:3494" }
                shutdown_command: ["/bin/true"]
                """, dir.resolve("agent.yaml"), dir);
        assertThat(c.monitors().get(0).endpoints()).containsExactly(new AgentConfig.Endpoint("grid", "gw1.lan", 3494));
        assertThat(c.monitors().get(0).failover()).isEqualTo(List.of());
    }

    @Test
    void theExampleInDocsAgentLoadsWithItsFailover(@TempDir Path dir) throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/agent.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        AgentConfig c = AgentConfigLoader.parse(yaml, dir.resolve("agent.yaml"), dir);
        assertThat(c.monitors().get(0).endpoints()).containsExactly(
                new AgentConfig.Endpoint("rack", "gridwatch.lan", 3493),
                new AgentConfig.Endpoint("rack", "gridwatch2.lan", 3493));
    }
}
