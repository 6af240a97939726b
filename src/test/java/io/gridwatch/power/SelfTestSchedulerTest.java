package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.UpsConfig;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Scheduled self-tests on a fake clock: once in their minute, on their day, in the site's time zone. */
class SelfTestSchedulerTest {
    @Test
    void runsOnceOnItsDayAndMinute(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("rack.dev"), "ups.status: OL\n");
        List<UpsConfig> ups = ConfigLoader.parse("""
                ups:
                  rack:
                    driver: dummy
                    file: rack.dev
                    self_test: { day: sunday, time: "03:00" }
                  other:
                    driver: dummy
                    file: rack.dev
                """, dir.resolve("gridwatch.yaml"), dir).ups();
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Saturday 2026-11-21 02:59:30 UTC; Sunday 03:00 in Berlin is Sunday 02:00 UTC
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T01:59:30Z"));
        UpsHub hub = new UpsHub(clock, Duration.ofSeconds(15), Duration.ofSeconds(30));
        List<String> sent = new CopyOnWriteArrayList<>();
        for (UpsConfig u : ups) {
            hub.register(u.name(), null, new CommandSink() {
                @Override
                public CompletableFuture<CommandResult> setVar(String var, String value) {
                    return CompletableFuture.completedFuture(CommandResult.SUCCESS);
                }

                @Override
                public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
                    sent.add(u.name().value() + " " + cmd + " at " + clock.instant());
                    return CompletableFuture.completedFuture(CommandResult.SUCCESS);
                }
            });
        }
        java.util.Map<io.gridwatch.hub.UpsName, SelfTest> plans = new java.util.LinkedHashMap<>();
        ups.stream().filter(u -> u.selfTest() != null).forEach(u -> plans.put(u.name(), u.selfTest()));
        SelfTestScheduler s = new SelfTestScheduler(hub, plans, berlin, clock);
        s.tick();
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofSeconds(30)); // 03:00:00 Berlin
        s.tick();
        clock.advance(Duration.ofSeconds(5));
        s.tick();
        clock.advance(Duration.ofSeconds(50));
        s.tick();
        assertThat(sent).containsExactly("rack test.battery.start.quick at 2026-11-22T02:00:00Z");
        clock.advance(Duration.ofDays(1));
        s.tick();
        assertThat(sent).as("Monday: not its day").hasSize(1);
        clock.advance(Duration.ofDays(6).minusSeconds(55));
        s.tick();
        assertThat(sent).as("a week later, again once").hasSize(2);
        hub.close();
    }
}
