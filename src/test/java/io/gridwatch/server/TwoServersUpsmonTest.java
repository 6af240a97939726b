package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Two servers" recipe for upsmon, against the real NUT 2.8.0 upsmon: two Gridwatch servers each probe
 * the same three ICMP sentinels (in network namespaces) for one UPS without a data port; upsmon has a MONITOR line
 * for each. One server dies while the grid is up: no shutdown. The grid then fails: the survivor's OB LB makes
 * upsmon run its SHUTDOWNCMD (a marker script). With MINSUPPLIES 1 the same sequence leaves the machine running on
 * a battery nobody watches (upsmon counts a dead UPS last seen on line as healthy), which is why the recipe says 2.
 */
class TwoServersUpsmonTest {
    static final String TIMERS = "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 3\nDEADTIME 4\nFINALDELAY 0\n";

    static String yaml(Netns hosts) {
        StringBuilder sentinels = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sentinels.append("s").append(i).append(": { address: ").append(hosts.address(i)).append(" }\n");
        }
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    mon: { password: monpass, upsmon: secondary }
                ups:
                  grid:
                    driver: sentinel
                    restore_after: 2s
                    sentinels:
                %s
                    battery: { low_battery: immediate }
                """.formatted(sentinels.toString().indent(6).stripTrailing());
    }

    /** Runs the sequence; returns upsmon's SHUTDOWNCMD lines after the grid failed with one server dead. */
    private static List<String> oneServerDiesThenTheGridFails(Path dir, int minSupplies) throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        UpsName grid = UpsName.of("grid");
        try (Netns hosts = Netns.create(3);
             TestServer survivor = TestServer.start(Files.createDirectories(dir.resolve("b")), yaml(hosts), Map.of())) {
            TestServer dying = TestServer.start(Files.createDirectories(dir.resolve("a")), yaml(hosts), Map.of());
            try (Upsmon upsmon = Upsmon.start(dir.resolve("upsmon"), "nas",
                    "MONITOR grid@127.0.0.1:" + dying.port() + " 1 mon monpass secondary\n"
                            + "MONITOR grid@127.0.0.1:" + survivor.port() + " 1 mon monpass secondary",
                    TIMERS + "MINSUPPLIES " + minSupplies + "\n")) {
                Upsmon.await(() -> dying.app().logins().count(grid) == 1 && survivor.app().logins().count(grid) == 1,
                        upsmon);
                Upsmon.await(() -> survivor.app().hub().snapshot(grid).sensors().stream().allMatch(x -> x.known())
                        && dying.app().hub().snapshot(grid).sensors().stream().allMatch(x -> x.known()), upsmon);
                dying.close(); // the first server's machine fails while the grid is up
                Upsmon.await(() -> upsmon.notifications().contains("COMMBAD"), upsmon);
                Thread.sleep(6000); // past DEADTIME and HOSTSYNC
                assertThat(upsmon.shutdowns()).as("one server dead, the grid up: no shutdown\n" + upsmon.log())
                        .isEmpty();
                for (int i = 0; i < 3; i++) {
                    hosts.down(i);
                }
                Upsmon.await(() -> survivor.app().hub().snapshot(grid).status().lowBattery(), upsmon);
                if (minSupplies >= 2) {
                    Upsmon.await(() -> !upsmon.shutdowns().isEmpty(), upsmon);
                } else {
                    Thread.sleep(8000); // well past what upsmon needs to act on OB LB (POLLFREQALERT 1)
                    assertThat(upsmon.alive()).as("upsmon still running, not shutting down\n" + upsmon.log())
                            .isTrue();
                }
                return upsmon.shutdowns();
            } finally {
                dying.close();
            }
        }
    }

    @Test
    void withMinSuppliesTwoTheSurvivorsLowBatteryShutsTheMachineDown(@TempDir Path dir) throws Exception {
        assertThat(oneServerDiesThenTheGridFails(dir, 2)).as("the survivor's OB LB ran SHUTDOWNCMD").hasSize(1);
    }

    @Test
    void withMinSuppliesOneUpsmonCountsTheDeadServerAsHealthyAndNeverShutsDown(@TempDir Path dir) throws Exception {
        assertThat(oneServerDiesThenTheGridFails(dir, 1))
                .as("upsmon's rule: a UPS it cannot reach, last seen on line, still counts as a supply").isEmpty();
    }
}
