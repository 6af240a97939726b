package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.hub.DrillInfo;
import io.gridwatch.probe.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual UPS end to end, and what survives a restart. */
class PowerModelTest {
    @TempDir
    Path dir;
    Instant t = Instant.parse("2026-11-21T10:00:00Z");
    final BatterySettings battery = new BatterySettings(Duration.ofMinutes(30), Duration.ofHours(3), 20,
            Duration.ofMinutes(5), false, null);
    final GridSettings grid = new GridSettings(0, 2, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofMillis(250));

    PowerStateStore store;

    /** A model of two sentinels, from what {@code s} holds; {@link #evaluate} saves into {@code s} as MainsDriver does. */
    PowerModel model(PowerStateStore s) {
        store = s;
        return PowerModel.of(List.of(new PowerModel.Sensor("a", "10.0.0.1", Duration.ofSeconds(3)),
                new PowerModel.Sensor("b", "10.0.0.2", Duration.ofSeconds(3))), grid, battery, s.ups("grid"), t);
    }

    PowerModel.Result evaluate(PowerModel m, boolean drilling) {
        PowerModel.Result r = m.evaluate(t, drilling);
        if (r.save() != null) {
            store.update("grid", r.save()::into);
        }
        return r;
    }

    PowerModel.Result round(PowerModel m, boolean answer, boolean drilling) {
        t = t.plusSeconds(1);
        m.record(0, answer ? ProbeResult.up(Duration.ofMillis(1)) : ProbeResult.down("x"), t);
        m.record(1, answer ? ProbeResult.up(Duration.ofMillis(1)) : ProbeResult.down("x"), t);
        return evaluate(m, drilling);
    }

    @Test
    void outageDrainsTheVirtualBattery() {
        PowerModel m = model(PowerStateStore.open(dir.resolve("s.json")));
        assertThat(round(m, true, false).status()).isEqualTo(PowerStatus.ONLINE);
        round(m, false, false);
        PowerModel.Result r = round(m, false, false);
        assertThat(r.status()).isEqualTo(PowerStatus.ON_BATTERY);
        assertThat(r.gridPresent()).isFalse();
        assertThat(r.simulated()).isFalse();
        t = t.plus(Duration.ofMinutes(10));
        r = evaluate(m, false);
        assertThat(r.charge()).isCloseTo(100 - 100.0 * 601 / 1800, within(0.2));
    }

    @Test
    void aDrillIsFlaggedAndARealOutageDuringItTakesOver() {
        PowerModel m = model(PowerStateStore.open(dir.resolve("s.json")));
        round(m, true, false);
        PowerModel.Result drill = round(m, true, true);
        assertThat(drill.status()).isEqualTo(PowerStatus.ON_BATTERY);
        assertThat(drill.simulated()).isTrue();
        round(m, false, true);
        PowerModel.Result real = round(m, false, true);
        assertThat(real.status()).isEqualTo(PowerStatus.ON_BATTERY);
        assertThat(real.simulated()).as("a real outage is never masked by the drill").isFalse();
        assertThat(real.gridPresent()).isFalse();
    }

    @Test
    void aRestartInTheMiddleOfAnOutageComesBackOnBatteryWithTheRightRuntime() throws Exception {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        PowerModel m = model(store);
        round(m, true, false);
        round(m, false, false);
        round(m, false, false);
        Instant outageStart = t;
        t = t.plus(Duration.ofMinutes(5));
        evaluate(m, false);
        t = t.plus(Duration.ofMinutes(5)); // the server is down for five minutes
        PowerModel restarted = model(PowerStateStore.open(dir.resolve("s.json")));
        PowerModel.Result r = evaluate(restarted, false);
        assertThat(r.status()).isEqualTo(PowerStatus.ON_BATTERY);
        assertThat(r.gridSince()).isEqualTo(outageStart);
        assertThat(r.runtime()).isCloseTo(1800 - 600, within(5L));
        assertThat(Files.readString(dir.resolve("s.json"))).contains("\"gridPresent\" : false");
    }

    @Test
    void theModelSaysWhenToSaveAndWritesNothingItself() throws Exception {
        PowerModel m = model(PowerStateStore.open(dir.resolve("s.json")));
        PowerModel.Result first = m.evaluate(t, false);
        assertThat(first.save()).as("the first evaluation is saved").isNotNull();
        assertThat(dir.resolve("s.json")).as("the model wrote no file").doesNotExist();
        t = t.plusSeconds(1);
        assertThat(m.evaluate(t, false).save()).as("nothing changed, the battery full").isNull();
        round(m, false, false);
        PowerModel.Result lost = round(m, false, false);
        assertThat(lost.save()).as("the grid lost").isNotNull();
        assertThat(lost.save().gridPresent()).isFalse();
        assertThat(lost.save().gridSince()).isEqualTo(t);
        t = t.plusSeconds(30);
        assertThat(m.evaluate(t, false).save()).as("half a minute of draining: not yet").isNull();
        t = t.plusSeconds(31);
        PowerModel.Result minute = m.evaluate(t, false);
        assertThat(minute.save()).as("a minute of draining").isNotNull();
        assertThat(minute.save().charge()).isEqualTo(minute.charge());
        assertThat(minute.save().at()).isEqualTo(t);
    }

    @Test
    void anUnreadableStateFileIsSetAsideNotFatal() throws Exception {
        Files.writeString(dir.resolve("s.json"), "{ this is not json");
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        assertThat(store.ups("grid").gridPresent()).isNull();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("s.json.unreadable-"));
    }

    @Test
    void drillsAreKeptInTheStateFile() {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        store.ups("grid", new PowerStateStore.UpsState(true, t, 100.0, t, new DrillInfo(t, "admin", null), null));
        assertThat(PowerStateStore.open(dir.resolve("s.json")).ups("grid").drill().by()).isEqualTo("admin");
    }
}
