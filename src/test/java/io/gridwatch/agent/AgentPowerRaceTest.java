package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutSession;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NUT's power race: the grid may come back after the machines went down but before the battery ran out; a UPS that
 * was never told to cycle its output then keeps them powered, and off. A primary agent, as its last step before its
 * own shutdown command, asks the UPS for {@code shutdown.return}, after the secondaries left and its hooks ran; in
 * a drill it asks nothing. The UPS is Gridwatch's dummy UPS, whose simulated commands the hub records with their
 * time; the shutdown commands write a marker file (each line: who, when in ns). Nothing is powered off.
 */
class AgentPowerRaceTest {
    static final String SERVER = """
            nut:
              listen: ["127.0.0.1:0"]
              users:
                monprimary: { password: primarypass, upsmon: primary, instcmds: [shutdown.return] }
                monsecondary: { password: secondarypass, upsmon: secondary }
            ups:
              ups:
                driver: dummy
                file: ups.dev
                pollinterval: 200ms
                commands: [shutdown.return, load.off.delay]
            """;

    record Command(String what, Instant at) {
    }

    @Test
    void aRealOutageEndsWithShutdownReturnAfterTheSecondaryAndTheHookAndBeforeTheShutdown(@TempDir Path dir)
            throws Exception {
        Run run = run(dir, "ups.status: OB LB\nbattery.charge: 8\n");
        assertThat(run.commands).extracting(Command::what).containsExactly("shutdown.return");
        long sent = run.commands.get(0).at().toEpochMilli();
        assertThat(run.at("secondary")).as("the secondary shut down first").isLessThan(sent);
        assertThat(run.at("primary-hook")).as("then the primary's hook").isLessThan(sent);
        assertThat(sent).as("the power cycle before the primary's own shutdown").isLessThanOrEqualTo(run.at("primary"));
        assertThat(run.primary.powerCycles()).singleElement().asString().contains("asked shutdown.return");
    }

    @Test
    void aDrillAsksTheUpsForNothing(@TempDir Path dir) throws Exception {
        Run run = run(dir, "ups.status: OB LB\nbattery.charge: 8\nups.simulation: true\n");
        assertThat(run.at("primary")).as("the drill ran its course").isPositive();
        Thread.sleep(500);
        assertThat(run.commands).as("no command reached the UPS in a drill").isEmpty();
        assertThat(run.primary.powerCycles()).isEmpty();
    }

    record Run(Agent primary, List<Command> commands, List<String> marker) {
        /** When {@code who} wrote its line, in ms. */
        long at(String who) {
            return marker.stream().filter(l -> l.startsWith(who + " ")).map(l -> Long.parseLong(l.split(" ")[1]) / 1_000_000)
                    .findFirst().orElseThrow(() -> new AssertionError(who + " wrote nothing: " + marker));
        }
    }

    private static Run run(Path dir, String outage) throws Exception {
        Path marker = dir.resolve("marker");
        List<Command> commands = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("server")), SERVER,
                Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            server.app().hub().subscribe("test-commands", e -> {
                if (e instanceof UpsEvent.CommandFinished c) {
                    commands.add(new Command(c.command().replaceFirst("^INSTCMD ", "").split(" ")[0], c.at()));
                }
            });
            Agent primary = new Agent(config(dir, "primary", server.port(), marker), Clock.systemUTC(), false);
            Agent secondary = new Agent(config(dir, "secondary", server.port(), marker), Clock.systemUTC(), false);
            List<Thread> threads = new ArrayList<>();
            try {
                threads.add(Thread.ofPlatform().name("agent-primary").start(primary::run));
                threads.add(Thread.ofPlatform().name("agent-secondary").start(secondary::run));
                try (NutSession s = new NutSession(NutClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(5)))) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> s.numLogins("ups") == 2);
                }
                server.write("ups.dev", outage);
                await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(marker)
                        && Files.readAllLines(marker).stream().anyMatch(l -> l.startsWith("primary ")));
                for (Thread t : threads) {
                    t.join(10_000);
                }
                Thread.sleep(300); // the command's event, if any, is published as it completes
                return new Run(primary, List.copyOf(commands), Files.readAllLines(marker));
            } finally {
                primary.close();
                secondary.close();
            }
        }
    }

    private static AgentConfig config(Path dir, String name, int port, Path marker) throws Exception {
        return MarkerAgents.config(dir, name, port, marker);
    }
}
