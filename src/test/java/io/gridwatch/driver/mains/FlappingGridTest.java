package io.gridwatch.driver.mains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.agent.Agent;
import io.gridwatch.agent.AgentConfigLoader;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field report of a flapping grid, replayed with real parts: three ICMP sentinels in network namespaces at
 * the default settings (quorum all, 3 failed probes, {@code restore_after: 10s}), the real upsmon, and two
 * Gridwatch agents, one with {@code shutdown_delay: 30s}. The sentinels go dark 6 s and come back 8 s, three
 * times: 8 s of answers is less than the hysteresis, so the UPS must stay on battery throughout (no OL moment, no
 * ONLINE from upsmon between its ONBATTs) and the delayed agent must shut down at its delay (a marker file). Power
 * then stays back: one OL, one ONLINE. Shutdown commands are scripts writing a marker; nothing is powered off.
 */
class FlappingGridTest {
    static final String TIMERS = "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 3\nDEADTIME 15\nFINALDELAY 0\n";

    @Test
    void aFlappingGridNeverReadsAsPowerBackAndTheDelayedAgentShutsDownAtItsDelay(@TempDir Path dir) throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Netns hosts = Netns.create(3)) {
            StringBuilder sentinels = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                sentinels.append("      s").append(i).append(": { address: ").append(hosts.address(i)).append(" }\n");
            }
            String yaml = """
                    nut:
                      listen: ["127.0.0.1:0"]
                      users:
                        mon: { password: monpass, upsmon: primary }
                        agent: { password: agentpass, upsmon: secondary }
                    ups:
                      grid:
                        driver: sentinel
                        sentinels:
                    %s    battery: { runtime: 30m }
                    """.formatted(sentinels);
            try (TestServer s = TestServer.start(dir, yaml, Map.of());
                 Upsmon upsmon = Upsmon.start(dir.resolve("upsmon"), "primary", "MONITOR grid@127.0.0.1:" + s.port()
                         + " 1 mon monpass primary", TIMERS)) {
                UpsName grid = UpsName.of("grid");
                List<String> statuses = new CopyOnWriteArrayList<>();
                List<Instant> onBattery = new CopyOnWriteArrayList<>();
                s.app().hub().subscribe("test", e -> {
                    if (e instanceof UpsEvent.StatusChanged c) {
                        statuses.add(EventText.status(c.to()));
                        if (c.to().onBattery() && !c.from().onBattery()) {
                            onBattery.add(c.at());
                        }
                    }
                });
                Path delayedMarker = dir.resolve("delayed-marker");
                Path plainMarker = dir.resolve("plain-marker");
                List<Agent> agents = new ArrayList<>();
                try {
                    agents.add(agent(dir, "delayed", s.port(), delayedMarker, "policy: { shutdown_delay: 30s }\n"));
                    agents.add(agent(dir, "plain", s.port(), plainMarker, ""));
                    agents.forEach(a -> Thread.ofPlatform().name("agent").start(a::run));
                    Upsmon.await(() -> s.app().logins().count(grid) == 3, upsmon);
                    Upsmon.await(() -> s.app().hub().snapshot(grid).sensors().stream().allMatch(x -> x.known() && x.up()),
                            upsmon);

                    for (int cycle = 0; cycle < 3; cycle++) {
                        for (int i = 0; i < 3; i++) {
                            hosts.down(i);
                        }
                        Thread.sleep(6000);
                        for (int i = 0; i < 3; i++) {
                            hosts.up(i);
                        }
                        Thread.sleep(8000);
                    }
                    assertThat(statuses).as("on battery from the first dark phase to the last").isNotEmpty()
                            .allSatisfy(st -> assertThat(st).startsWith("OB"));
                    assertThat(onBattery).hasSize(1);
                    assertThat(Files.readAllLines(delayedMarker)).as("the delayed agent shut down").hasSize(1);
                    Instant shutdownAt = Instant.ofEpochSecond(0, Long.parseLong(
                            Files.readAllLines(delayedMarker).get(0).split(" ")[1]));
                    assertThat(Duration.between(onBattery.get(0), shutdownAt))
                            .as("30 s after the UPS went on battery, not reset by the flaps")
                            .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(33));
                    assertThat(plainMarker).as("without a delay only NUT's rules apply: no LB, no shutdown")
                            .doesNotExist();

                    Upsmon.await(() -> s.app().hub().snapshot(grid).statusLine().startsWith("OL"), upsmon);
                    Upsmon.await(() -> upsmon.notifications().contains("ONLINE"), upsmon);
                    assertThat(upsmon.notifications().stream().filter(n -> n.equals("ONBATT") || n.equals("ONLINE")))
                            .as("upsmon saw one outage and one return, nothing in between")
                            .containsExactly("ONBATT", "ONLINE");
                    assertThat(statuses.stream().filter(st -> st.startsWith("OL")).count()).isEqualTo(1);
                } finally {
                    agents.forEach(Agent::close);
                }
            }
        }
    }

    private static Agent agent(Path dir, String name, int port, Path marker, String policy) throws Exception {
        Path script = dir.resolve(name + "-shutdown.sh");
        Files.writeString(script, "#!/bin/sh\n# test stand-in for a shutdown: records that it ran, nothing else\n"
                + "echo \"" + name + " $(date +%s%N)\" >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        String yaml = """
                host: %s
                monitor:
                  grid: { ups: grid@127.0.0.1:%d, user: agent, password: agentpass, role: secondary }
                poll: 500ms
                poll_on_battery: 500ms
                final_delay: 0s
                shutdown_command: ["%s"]
                """.formatted(name, port, script) + policy;
        return new Agent(AgentConfigLoader.parse(yaml, dir.resolve(name + ".yaml"), dir), Clock.systemUTC(), false);
    }
}
