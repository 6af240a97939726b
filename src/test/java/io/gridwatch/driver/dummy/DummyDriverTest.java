package io.gridwatch.driver.dummy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.VarType;
import io.gridwatch.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DummyDriverTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));

    DummyDriver driver(Path file, DummySettings.Mode mode, List<String> commands) {
        return new DummyDriver(new DummySettings(file, mode, Duration.ofSeconds(1), Map.of(), commands), clock);
    }

    @Test
    void devFileValuesWithDummyUpsDefaultsAndTypes(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.dev"), "# comment\nbattery.charge: 87\nups.status: OB DISCHRG\n"
                + "ups.id: \"rack \\\"A\\\"\"\ndriver.name: ignored\n");
        DeviceState s = driver(f, DummySettings.Mode.AUTO, List.of()).open(false).state();
        assertThat(s.value("battery.charge")).isEqualTo("87");
        assertThat(s.value("ups.status")).isEqualTo("OB DISCHRG");
        assertThat(s.value("ups.id")).isEqualTo("rack \"A\"");
        assertThat(s.value("ups.mfr")).isEqualTo("Dummy Manufacturer");
        assertThat(s.value("driver.name")).isEqualTo("gridwatch-dummy");
        assertThat(s.variable("battery.charge").orElseThrow().type()).isEqualTo(VarType.NUMBER);
        assertThat(s.variable("ups.id").orElseThrow().type()).isEqualTo(new VarType.Text(16));
        assertThat(s.variable("ups.status").orElseThrow().writable()).isTrue();
        assertThat(s.variable("driver.name").orElseThrow().writable()).isFalse();
        assertThat(s.commands()).containsExactly("load.off");
    }

    @Test
    void devFileIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        DummyDriver d = driver(f, DummySettings.Mode.AUTO, List.of());
        d.open(false);
        d.setVar("ups.load", "42");
        assertThat(d.poll(false).state().value("ups.load")).isEqualTo("42");
        Files.writeString(f, "ups.status: OB LB\n");
        DeviceState after = d.poll(false).state();
        assertThat(after.value("ups.status")).isEqualTo("OB LB");
        assertThat(after.value("ups.load")).as("the file is the truth again").isNull();
    }

    @Test
    void missingFileFailsSoTheDataGoStale(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        DummyDriver d = driver(f, DummySettings.Mode.AUTO, List.of());
        d.open(false);
        Files.delete(f);
        assertThatThrownBy(() -> d.poll(false)).hasMessageContaining("u.dev");
    }

    @Test
    void sequencePlaysStepsOnTheClockAndLoops(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.seq"), "ups.status: OL\nTIMER 5\nups.status: OB\nTIMER 10\n"
                + "ups.status: OB LB\nTIMER 5\n");
        DummyDriver d = driver(f, DummySettings.Mode.AUTO, List.of());
        assertThat(d.open(false).state().value("ups.status")).isEqualTo("OL");
        clock.advance(Duration.ofSeconds(4));
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OL");
        clock.advance(Duration.ofSeconds(1));
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OB");
        clock.advance(Duration.ofSeconds(10));
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OB LB");
        clock.advance(Duration.ofSeconds(5));
        assertThat(d.poll(false).state().value("ups.status")).as("looped to the start").isEqualTo("OL");
        assertThat(d.poll(false).state().value("driver.parameter.mode")).isEqualTo("dummy-loop");
    }

    @Test
    void sequenceInOnceModeStopsAtTheEnd(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.seq"), "ups.status: OL\nTIMER 5\nups.status: OB\nTIMER 5\n");
        DummyDriver d = driver(f, DummySettings.Mode.ONCE, List.of());
        d.open(false);
        clock.advance(Duration.ofSeconds(60));
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OB");
        clock.advance(Duration.ofSeconds(60));
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OB");
    }

    @Test
    void declaredCommandsAreSimulated(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("u.dev"), "ups.status: OL\nups.beeper.status: enabled\n");
        DummyDriver d = driver(f, DummySettings.Mode.AUTO, List.of("beeper.toggle", "test.battery.start", "calibrate.start"));
        assertThat(d.open(false).state().commands()).containsExactly("beeper.toggle", "calibrate.start", "load.off", "test.battery.start");
        assertThat(d.instCmd("beeper.toggle", null)).isEqualTo(CommandResult.SUCCESS);
        assertThat(d.poll(false).state().value("ups.beeper.status")).isEqualTo("disabled");
        d.instCmd("test.battery.start", null);
        assertThat(d.poll(false).state().value("ups.test.result")).isEqualTo("In progress");
        clock.advance(Duration.ofSeconds(10));
        assertThat(d.poll(false).state().value("ups.test.result")).isEqualTo("Done and passed");
        d.instCmd("calibrate.start", null);
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OL CAL");
        assertThat(d.instCmd("load.off", null)).as("dummy-ups' own load.off is not handled").isEqualTo(CommandResult.UNKNOWN);
        assertThat(d.poll(false).state().value("ups.status")).isEqualTo("OL CAL");
    }

    @Test
    void badLinesAreReportedWithFileAndLine() {
        DevFile f = DevFile.parse("x.seq", "ups.status: OL\n!!bad: 1\nTIMER soon\n");
        assertThat(f.warnings()).containsExactly("x.seq:2: '!!bad:' is not a variable name; line ignored",
                "x.seq:3: TIMER 'soon' is not a whole number of seconds; taken as 0");
    }
}
