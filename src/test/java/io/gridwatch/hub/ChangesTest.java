package io.gridwatch.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a change of a snapshot means, event by event, in the order subscribers see it. */
class ChangesTest {
    static final UpsName UPS = UpsName.of("grid");
    static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    static UpsSnapshot snapshot(String status, DriverStatus driver, List<SensorStatus> sensors, Instant at) {
        return new UpsSnapshot(UPS, "Grid", DeviceState.builder().set("ups.status", status).build(), driver, false,
                sensors, null, at);
    }

    static SensorStatus sensor(String name, boolean up, boolean known) {
        return new SensorStatus(name, "10.0.0.1", up, known, T, Duration.ofMillis(1), T, up ? 0 : 3, null, T);
    }

    @Test
    void aSensorGoingDownAndTheUpsOnBatteryAreSaidSensorFirst() {
        UpsSnapshot old = snapshot("OL", DriverStatus.OK, List.of(sensor("a", true, true), sensor("b", true, true)), T);
        UpsSnapshot next = snapshot("OB DISCHRG", DriverStatus.OK,
                List.of(sensor("a", false, true), sensor("b", true, true)), T.plusSeconds(1));
        List<UpsEvent> events = Changes.between(UPS, old, next, null);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("SensorChanged", "StateChanged", "StatusChanged");
        assertThat(((UpsEvent.SensorChanged) events.get(0)).sensor().name()).isEqualTo("a");
        assertThat(events).allSatisfy(e -> assertThat(e.at()).isEqualTo(T.plusSeconds(1)));
    }

    @Test
    void aSensorNotKnownYetIsNoEventAndBecomingKnownIs() {
        UpsSnapshot old = snapshot("OL", DriverStatus.OK, List.of(sensor("a", true, false)), T);
        UpsSnapshot stillUnknown = snapshot("OL", DriverStatus.OK, List.of(sensor("a", false, false)), T);
        assertThat(Changes.between(UPS, old, stillUnknown, null)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StateChanged");
        UpsSnapshot known = snapshot("OL", DriverStatus.OK, List.of(sensor("a", true, true)), T);
        assertThat(Changes.between(UPS, old, known, null)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("SensorChanged", "StateChanged");
    }

    @Test
    void theDriverLosingTheUpsIsCommLostWithItsReasonAndComingBackIsCommRestored() {
        UpsSnapshot ok = snapshot("OL", DriverStatus.OK, List.of(), T);
        UpsSnapshot stale = snapshot("OL", DriverStatus.STALE, List.of(), T.plusSeconds(20));
        List<UpsEvent> lost = Changes.between(UPS, ok, stale, "no data from the driver for over 15 s");
        assertThat(lost).hasSize(2).last().isInstanceOfSatisfying(UpsEvent.CommLost.class, e -> {
            assertThat(e.availability()).isEqualTo(Availability.DATA_STALE);
            assertThat(e.reason()).isEqualTo("no data from the driver for over 15 s");
        });
        UpsSnapshot gone = snapshot("OL", DriverStatus.NOT_CONNECTED, List.of(), T.plusSeconds(30));
        assertThat(Changes.between(UPS, ok, gone, null)).last().isInstanceOfSatisfying(UpsEvent.CommLost.class,
                e -> assertThat(e.reason()).isEqualTo("DRIVER_NOT_CONNECTED"));
        assertThat(Changes.between(UPS, stale, ok, null)).last().isInstanceOf(UpsEvent.CommRestored.class);
    }
}
