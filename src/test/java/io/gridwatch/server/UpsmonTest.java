package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Programs;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Upsmon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real NUT upsmon, primary and secondary, against Gridwatch: a UPS going on battery is left alone; low
 * battery makes the primary set FSD (visible to upsc), the secondary shut down first, then the primary, each
 * through its SHUTDOWNCMD (a marker-writing script).
 */
class UpsmonTest {
    static final String YAML = """
            nut:
              listen: ["127.0.0.1:0"]
              users:
                monprimary:   { password: primarypass, upsmon: primary }
                monsecondary: { password: secondarypass, upsmon: secondary }
            ups:
              ups:
                driver: dummy
                file: ups.dev
                pollinterval: 200ms
            """;
    static final String TIMERS = "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 10\nDEADTIME 5\nFINALDELAY 1\n";

    @Test
    void lowBatteryShutsDownSecondaryThenPrimaryWithFsd(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, YAML, Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n"));
             Upsmon primary = Upsmon.start(dir.resolve("primary"), "primary", "MONITOR ups@127.0.0.1:" + server.port()
                     + " 1 monprimary primarypass primary", TIMERS);
             Upsmon secondary = Upsmon.start(dir.resolve("secondary"), "secondary", "MONITOR ups@127.0.0.1:"
                     + server.port() + " 1 monsecondary secondarypass secondary", TIMERS)) {
            UpsName ups = UpsName.of("ups");
            Upsmon.await(() -> server.app().logins().count(ups) == 2, primary, secondary);
            assertThat(server.app().logins().sessions(ups)).extracting(SessionState::username)
                    .containsExactlyInAnyOrder("monprimary", "monsecondary");

            server.write("ups.dev", "ups.status: OB DISCHRG\nbattery.charge: 60\n");
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            assertThat(primary.shutdowns()).as("on battery without LB: nobody shuts down").isEmpty();
            assertThat(secondary.shutdowns()).isEmpty();

            server.write("ups.dev", "ups.status: OB LB\nbattery.charge: 10\n");
            Upsmon.await(() -> !secondary.shutdowns().isEmpty(), primary, secondary);
            Programs.Result upsc = Programs.run(List.of("upsc", "ups@127.0.0.1:" + server.port(), "ups.status"));
            assertThat(upsc.stdout()).isEqualTo("FSD OB LB\n");
            Upsmon.await(() -> !primary.shutdowns().isEmpty(), primary, secondary);

            long secondaryAt = Long.parseLong(secondary.shutdowns().get(0).split(" ")[1]);
            long primaryAt = Long.parseLong(primary.shutdowns().get(0).split(" ")[1]);
            assertThat(secondaryAt).as("the secondary goes down before the primary").isLessThan(primaryAt);
            assertThat(server.app().hub().snapshot(ups).fsd()).isTrue();
        }
    }
}
