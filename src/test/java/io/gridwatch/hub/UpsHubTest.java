package io.gridwatch.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpsHubTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    final UpsName ups = UpsName.of("Rack");
    final List<UpsEvent> events = new CopyOnWriteArrayList<>();
    UpsHub hub;

    static final CommandSink NO_COMMANDS = new CommandSink() {
        public CompletableFuture<CommandResult> setVar(String var, String value) {
            return CompletableFuture.completedFuture(CommandResult.SUCCESS);
        }

        public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
            return CompletableFuture.completedFuture(CommandResult.UNKNOWN);
        }
    };

    @BeforeEach
    void setUp() {
        hub = new UpsHub(clock, Duration.ofSeconds(15), Duration.ofSeconds(30));
        hub.register(ups, "Rack UPS", NO_COMMANDS);
        hub.subscribe("test", events::add);
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    static DeviceState status(String s) {
        return DeviceState.builder().set("ups.status", s).set("battery.charge", "90").build();
    }

    <T extends UpsEvent> List<T> eventsOf(Class<T> type, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(type::isInstance).count() >= count);
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void namesAreFoundWithoutRegardToCase() {
        assertThat(hub.find("rack")).isPresent();
        assertThat(hub.find("RACK")).isPresent();
        assertThat(hub.find("other")).isEmpty();
        assertThat(hub.snapshots()).extracting(s -> s.name().value()).containsExactly("Rack");
    }

    @Test
    void aRegisteredUpsIsNotConnectedUntilItsDriverDelivers() {
        assertThat(hub.availability(hub.snapshot(ups))).isEqualTo(Availability.DRIVER_NOT_CONNECTED);
        hub.update(ups, status("OL"));
        assertThat(hub.availability(hub.snapshot(ups))).isEqualTo(Availability.OK);
        assertThat(eventsOf(UpsEvent.CommRestored.class, 1)).hasSize(1);
    }

    @Test
    void statusChangesAreEvents() {
        hub.update(ups, status("OL"));
        hub.update(ups, status("OL"));
        hub.update(ups, status("OB DISCHRG"));
        List<UpsEvent.StatusChanged> changes = eventsOf(UpsEvent.StatusChanged.class, 2);
        assertThat(changes.get(1).from().has(StatusFlag.OL)).isTrue();
        assertThat(changes.get(1).to().onBattery()).isTrue();
        assertThat(events.stream().filter(UpsEvent.StateChanged.class::isInstance)).hasSize(2);
    }

    @Test
    void dataGoStaleAfterMaxAge() {
        hub.update(ups, status("OL"));
        clock.advance(Duration.ofSeconds(15));
        assertThat(hub.availability(hub.snapshot(ups))).isEqualTo(Availability.OK);
        clock.advance(Duration.ofSeconds(1));
        assertThat(hub.availability(hub.snapshot(ups))).isEqualTo(Availability.DATA_STALE);
        hub.checkStaleness(ups);
        assertThat(eventsOf(UpsEvent.CommLost.class, 1).get(0).availability()).isEqualTo(Availability.DATA_STALE);
        hub.update(ups, status("OL"));
        assertThat(hub.availability(hub.snapshot(ups))).isEqualTo(Availability.OK);
    }

    @Test
    void fsdLatchPrefixesStatus() {
        hub.update(ups, status("OB LB"));
        hub.setFsd(ups, "monprimary@127.0.0.1");
        hub.setFsd(ups, "again");
        assertThat(hub.snapshot(ups).statusLine()).isEqualTo("FSD OB LB");
        assertThat(hub.snapshot(ups).status().has(StatusFlag.FSD)).isTrue();
        assertThat(eventsOf(UpsEvent.FsdSet.class, 1)).singleElement().extracting(UpsEvent.FsdSet::by)
                .isEqualTo("monprimary@127.0.0.1");
    }

    @Test
    void fsdIsReleasedOnceThePowerHasBeenBackLongEnough() {
        hub.update(ups, status("OB LB"));
        hub.setFsd(ups, "primary");
        hub.update(ups, status("OL CHRG"));
        clock.advance(Duration.ofSeconds(29));
        hub.update(ups, status("OL CHRG"));
        assertThat(hub.snapshot(ups).fsd()).as("on line for 29 s").isTrue();
        clock.advance(Duration.ofSeconds(1));
        hub.update(ups, status("OL CHRG"));
        assertThat(hub.snapshot(ups).fsd()).as("on line for 30 s").isFalse();
    }

    @Test
    void aPowerBlipRestartsTheReleaseWait() {
        hub.update(ups, status("OB LB"));
        hub.setFsd(ups, "primary");
        hub.update(ups, status("OL"));
        clock.advance(Duration.ofSeconds(20));
        hub.update(ups, status("OB"));
        hub.update(ups, status("OL"));
        clock.advance(Duration.ofSeconds(20));
        hub.update(ups, status("OL"));
        assertThat(hub.snapshot(ups).fsd()).isTrue();
    }

    @Test
    void fsdSetWhileOnLineStaysLikeUpsd() {
        hub.update(ups, status("OL"));
        hub.setFsd(ups, "admin");
        clock.advance(Duration.ofHours(1));
        hub.update(ups, status("OL"));
        assertThat(hub.snapshot(ups).fsd()).isTrue();
        hub.clearFsd(ups, "test");
        assertThat(hub.snapshot(ups).fsd()).isFalse();
    }

    @Test
    void commandsAreRelayedAndReported() throws Exception {
        hub.update(ups, status("OL"));
        assertThat(hub.instCmd(ups, "load.off", null, "admin@127.0.0.1").get()).isEqualTo(CommandResult.UNKNOWN);
        assertThat(eventsOf(UpsEvent.CommandFinished.class, 1).get(0).command()).isEqualTo("INSTCMD load.off");
    }

    @Test
    void aSlowSubscriberDoesNotHoldUpOthers() throws Exception {
        List<UpsEvent> fast = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        hub.subscribe("slow", e -> release.join());
        hub.subscribe("fast", fast::add);
        hub.update(ups, status("OL"));
        hub.update(ups, status("OB"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() >= 4);
        release.complete(null);
    }

    @Test
    void statusParsingKeepsUnknownWords() {
        UpsStatus s = UpsStatus.parse("OL CHRG ECO");
        assertThat(s.flags()).containsExactlyInAnyOrder(StatusFlag.OL, StatusFlag.CHRG);
        assertThat(s.others()).containsExactly("ECO");
    }

    static SensorStatus sensor(String name, boolean up, Instant at) {
        return new SensorStatus(name, "10.0.0.1", up, true, at, Duration.ofMillis(2), at, up ? 0 : 3, up ? null : "timeout", at);
    }

    @Test
    void oneReadingWithSensorsChangesTheSnapshotOnceAndNamesEachSensorThatWentDownFirst() {
        Instant t = clock.instant();
        hub.update(ups, status("OL"), List.of(sensor("router", true, t), sensor("switch", true, t)));
        eventsOf(UpsEvent.StatusChanged.class, 1);
        events.clear();
        clock.advance(Duration.ofSeconds(1));
        hub.update(ups, status("OB DISCHRG"), List.of(sensor("router", false, t), sensor("switch", true, t)));
        eventsOf(UpsEvent.StatusChanged.class, 1);
        List<UpsEvent> seen = List.copyOf(events);
        assertThat(seen.stream().filter(UpsEvent.StateChanged.class::isInstance)).as("one step").hasSize(1);
        assertThat(seen.stream().filter(UpsEvent.SensorChanged.class::isInstance).map(e -> ((UpsEvent.SensorChanged) e)
                .sensor().name())).containsExactly("router");
        assertThat(seen.get(0)).as("the sensor before the state").isInstanceOf(UpsEvent.SensorChanged.class);
        UpsSnapshot now = hub.snapshot(ups);
        assertThat(now.status().onBattery()).isTrue();
        assertThat(now.sensors()).extracting(SensorStatus::up).containsExactly(false, true);
    }

    @Test
    void aReadingWithSensorsButNoStateKeepsTheStateAndLetsItAge() {
        Instant t = clock.instant();
        hub.update(ups, status("OL"), List.of(sensor("router", true, t)));
        clock.advance(Duration.ofSeconds(20)); // past nut.maxage (15 s) without fresh data
        hub.update(ups, null, List.of(sensor("router", false, t)));
        UpsSnapshot now = hub.snapshot(ups);
        assertThat(now.statusLine()).isEqualTo("OL");
        assertThat(now.sensors()).extracting(SensorStatus::up).containsExactly(false);
        assertThat(hub.availability(now)).as("sensors are not fresh data").isEqualTo(Availability.DATA_STALE);
    }
}
