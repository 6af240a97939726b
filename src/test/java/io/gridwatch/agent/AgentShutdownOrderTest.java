package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutSession;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary and two secondary agents on one UPS, against the real upsd 2.8.0 with dummy-ups and against
 * Gridwatch's own server: the UPS goes on battery with low battery; the primary sets FSD, both secondaries run
 * their shutdown command and log out, then the primary runs its hook and its own command. The shutdown command
 * is a script that appends a line to a marker file: nothing is powered off.
 */
class AgentShutdownOrderTest {
    static final String REAL_USERS = """
            [monprimary]
              password = primarypass
              upsmon primary
            [monsecondary]
              password = secondarypass
              upsmon secondary
            """;
    static final String GRIDWATCH = """
            nut:
              listen: ["127.0.0.1:0"]
              users:
                monprimary: { password: primarypass, upsmon: primary }
                monsecondary: { password: secondarypass, upsmon: secondary }
            ups:
              ups:
                driver: dummy
                file: ups.dev
                pollinterval: 200ms
            """;

    @Test
    void againstRealUpsd(@TempDir Path dir) throws Exception {
        try (RealNut real = RealNut.start(dir.resolve("nut"), List.of(new RealNut.Device("ups", "Reference UPS",
                "ups.status: OL\nbattery.charge: 90\n")), REAL_USERS)) {
            scenario(dir, real.port(), dev -> write(real.devFile("ups"), dev));
        }
    }

    @Test
    void againstGridwatch(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("server")), GRIDWATCH,
                Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            scenario(dir, server.port(), dev -> server.write("ups.dev", dev));
        }
    }

    private void scenario(Path dir, int port, Consumer<String> dev) throws Exception {
        Path marker = dir.resolve("marker");
        List<Agent> agents = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (String name : List.of("primary", "secondary1", "secondary2")) {
                Agent a = new Agent(config(dir, name, port, marker), Clock.systemUTC(), false);
                agents.add(a);
                threads.add(Thread.ofPlatform().name("agent-" + name).start(a::run));
            }
            try (NutSession s = new NutSession(NutClient.connect("127.0.0.1", port, Duration.ofSeconds(5)))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> s.numLogins("ups") == 3);
                assertThat(s.listClients("ups")).as("LIST CLIENT shows the three agents").hasSize(3);
            }
            assertThat(marker).doesNotExist();

            dev.accept("ups.status: OB DISCHRG\nbattery.charge: 50\n");
            Thread.sleep(1500);
            assertThat(marker).as("on battery without low battery: nobody shuts down").doesNotExist();

            dev.accept("ups.status: OB LB\nbattery.charge: 8\n");
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(marker)
                    && Files.readAllLines(marker).stream().anyMatch(l -> l.startsWith("primary ")));
            List<String> order = Files.readAllLines(marker).stream().map(l -> l.split(" ")[0]).toList();
            assertThat(order).hasSize(4);
            assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("secondary1", "secondary2");
            assertThat(order.subList(2, 4)).as("the primary's hook, then its shutdown, after both secondaries")
                    .containsExactly("primary-hook", "primary");
            for (Thread t : threads) {
                t.join(10_000);
                assertThat(t.isAlive()).as(t.getName() + " ended after its shutdown").isFalse();
            }
            for (Agent a : agents) {
                assertThat(a.shutdownOutcome()).isEqualTo("shutdown command run");
            }
        } finally {
            agents.forEach(Agent::close);
        }
    }

    private static AgentConfig config(Path dir, String name, int port, Path marker) throws Exception {
        return MarkerAgents.config(dir, name, port, marker);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
