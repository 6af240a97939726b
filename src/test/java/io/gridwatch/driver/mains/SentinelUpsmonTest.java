package io.gridwatch.driver.mains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.FakeSentinel;
import io.gridwatch.testing.Netns;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real NUT upsmon watching a sentinel UPS: one sentinel of three going dark changes nothing; all three
 * dark makes it run its SHUTDOWNCMD (a marker-writing script). Once with ICMP sentinels in network namespaces
 * (skipped, with the reason, where namespaces cannot be made), once with HTTP sentinels on loopback.
 */
class SentinelUpsmonTest {
    static final String TIMERS = "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 3\nDEADTIME 5\nFINALDELAY 0\n";

    static String yaml(String sentinels) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    mon: { password: monpass, upsmon: primary }
                ups:
                  grid:
                    driver: sentinel
                    restore_after: 2s
                    sentinels:
                %s
                    battery: { low_battery: immediate }
                """.formatted(sentinels.indent(6).stripTrailing());
    }

    interface Sentinels {
        void darken(int i) throws Exception;
    }

    static void run(Path dir, String sentinels, Sentinels control) throws Exception {
        try (TestServer s = TestServer.start(dir, yaml(sentinels), Map.of());
             Upsmon upsmon = Upsmon.start(dir.resolve("upsmon"), "primary", "MONITOR grid@127.0.0.1:" + s.port()
                     + " 1 mon monpass primary", TIMERS)) {
            UpsName grid = UpsName.of("grid");
            Upsmon.await(() -> s.app().logins().count(grid) == 1, upsmon);
            Upsmon.await(() -> s.app().hub().snapshot(grid).sensors().stream().allMatch(x -> x.known()),
                    upsmon);
            control.darken(0);
            Upsmon.await(() -> s.app().hub().snapshot(grid).sensors().stream()
                    .filter(x -> !x.up()).count() == 1, upsmon);
            Thread.sleep(3000);
            assertThat(upsmon.shutdowns()).as("one sentinel of three dark: no shutdown").isEmpty();
            assertThat(s.app().hub().snapshot(grid).statusLine()).isEqualTo("OL");
            control.darken(1);
            control.darken(2);
            Upsmon.await(() -> !upsmon.shutdowns().isEmpty(), upsmon);
            assertThat(s.app().hub().snapshot(grid).statusLine()).isEqualTo("FSD OB DISCHRG LB");
        }
    }

    @Test
    void icmpSentinelsInNetworkNamespaces(@TempDir Path dir) throws Exception {
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Netns hosts = Netns.create(3)) {
            StringBuilder sentinels = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                sentinels.append("s").append(i).append(": { address: ").append(hosts.address(i)).append(" }\n");
            }
            run(dir, sentinels.toString(), hosts::down);
        }
    }

    @Test
    void httpSentinelsOnLoopback(@TempDir Path dir) throws Exception {
        try (FakeSentinel a = new FakeSentinel(); FakeSentinel b = new FakeSentinel(); FakeSentinel c = new FakeSentinel()) {
            FakeSentinel[] all = {a, b, c};
            String sentinels = "a: { probe: http, url: \"" + a.url() + "\" }\nb: { probe: http, url: \"" + b.url()
                    + "\" }\nc: { probe: http, url: \"" + c.url() + "\" }\n";
            run(dir, sentinels, i -> all[i].powerOff());
        }
    }
}
