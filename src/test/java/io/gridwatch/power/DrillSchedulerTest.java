package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillSchedulerTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final CommandSink NONE = new CommandSink() {
        public CompletableFuture<CommandResult> setVar(String v, String x) {
            return CompletableFuture.completedFuture(CommandResult.UNKNOWN);
        }

        public CompletableFuture<CommandResult> instCmd(String c, String p) {
            return CompletableFuture.completedFuture(CommandResult.UNKNOWN);
        }
    };

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(ZonedDateTime.of(2026, 11, 21, 22, 0, 0, 0, ZONE).toInstant());
    final UpsName grid = UpsName.of("grid");

    UpsHub hub() {
        UpsHub hub = new UpsHub(clock, Duration.ofSeconds(15), null);
        hub.register(grid, null, NONE, true);
        return hub;
    }

    static Schedule window(String part, DayOfWeek day, String time, Schedule.Action a) {
        return new Schedule("w/" + part, List.of("grid"), null, day, LocalTime.parse(time), a, true);
    }

    @Test
    void startsAndStopsOnTime() {
        UpsHub hub = hub();
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        DrillScheduler s = new DrillScheduler(hub, List.of(window("start", null, "23:00", Schedule.Action.START),
                window("stop", null, "23:30", Schedule.Action.STOP)), ZONE, store, clock);
        s.tick();
        clock.advance(Duration.ofMinutes(59));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isTrue();
        assertThat(hub.snapshot(grid).drill().by()).isEqualTo("schedule 'w/start'");
        clock.advance(Duration.ofMinutes(31));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isFalse();
    }

    @Test
    void anEntryDueWhileTheServerWasDownFiresLateOnce() {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        UpsHub first = hub();
        new DrillScheduler(first, List.of(window("start", null, "23:00", Schedule.Action.START)), ZONE, store, clock).tick();
        clock.advance(Duration.ofMinutes(90)); // down from 22:00 to 23:30
        UpsHub second = hub();
        DrillScheduler again = new DrillScheduler(second, List.of(window("start", null, "23:00", Schedule.Action.START)),
                ZONE, PowerStateStore.open(dir.resolve("s.json")), clock);
        again.tick();
        assertThat(second.snapshot(grid).drilling()).isTrue();
        assertThat(second.snapshot(grid).drill().by()).contains("30 min late");
        new Drills(second).stop(grid, "test");
        again.tick();
        assertThat(second.snapshot(grid).drilling()).as("fires once").isFalse();
    }

    @Test
    void quietTicksWriteTheStateFileOnceAMinuteAndFiringsAtOnce() {
        Path file = dir.resolve("s.json");
        UpsHub hub = hub();
        DrillScheduler s = new DrillScheduler(hub, List.of(window("start", null, "22:01:30", Schedule.Action.START)),
                ZONE, PowerStateStore.open(file), clock);
        java.time.Instant start = clock.instant();
        s.tick();
        assertThat(PowerStateStore.open(file).lastScheduleCheck()).as("the first check is written").contains(start);
        for (int i = 0; i < 11; i++) {
            clock.advance(Duration.ofSeconds(5));
            s.tick();
        }
        assertThat(PowerStateStore.open(file).lastScheduleCheck()).as("55 s of quiet ticks: not written again")
                .contains(start);
        clock.advance(Duration.ofSeconds(5));
        s.tick();
        assertThat(PowerStateStore.open(file).lastScheduleCheck()).contains(clock.instant());
        clock.advance(Duration.ofSeconds(30));
        s.tick(); // 22:01:30, 30 s after the last write: the entry fires
        assertThat(hub.snapshot(grid).drilling()).isTrue();
        assertThat(PowerStateStore.open(file).lastScheduleCheck()).as("a firing is written at once")
                .contains(clock.instant());
    }

    @Test
    void aWholeMissedWindowLeavesOnlyItsLastAction() {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        UpsHub hub = hub();
        DrillScheduler s = new DrillScheduler(hub, List.of(window("start", null, "23:00", Schedule.Action.START),
                window("stop", null, "23:30", Schedule.Action.STOP)), ZONE, store, clock);
        s.tick();
        clock.advance(Duration.ofHours(2));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isFalse();
    }

    @Test
    void oneTimeEntriesDisableThemselves() {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        UpsHub hub = hub();
        Schedule once = new Schedule("once", List.of("grid"), LocalDate.of(2026, 11, 21), null,
                LocalTime.parse("22:30"), Schedule.Action.START, true);
        DrillScheduler s = new DrillScheduler(hub, List.of(once), ZONE, store, clock);
        s.tick();
        clock.advance(Duration.ofMinutes(31));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isTrue();
        assertThat(store.firedOnce()).containsExactly("once");
    }

    @Test
    void drillsWithAnEndStopByThemselves() {
        UpsHub hub = hub();
        DrillScheduler s = new DrillScheduler(hub, List.of(), ZONE, PowerStateStore.open(dir.resolve("s.json")), clock);
        new Drills(hub).start(grid, "admin", clock.instant().plusSeconds(600));
        clock.advance(Duration.ofSeconds(599));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        s.tick();
        assertThat(hub.snapshot(grid).drilling()).isFalse();
    }
}
