package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirtualBatteryTest {
    final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
    final BatterySettings settings = new BatterySettings(Duration.ofMinutes(30), Duration.ofHours(3), 10,
            Duration.ofMinutes(5), false, 900);

    @Test
    void drainsOverTheRuntimeAndGoesLowAtTheThreshold() {
        VirtualBattery b = new VirtualBattery(settings, 100, t0, false);
        b.advance(t0, true);
        assertThat(b.status()).isEqualTo(PowerStatus.ON_BATTERY);
        b.advance(t0.plus(Duration.ofMinutes(15)), true);
        assertThat(b.charge()).isCloseTo(50, within(0.01));
        assertThat(b.runtimeSeconds()).isEqualTo(900);
        b.advance(t0.plus(Duration.ofMinutes(24)), true);
        assertThat(b.runtimeSeconds()).isEqualTo(360);
        assertThat(b.status()).isEqualTo(PowerStatus.ON_BATTERY);
        b.advance(t0.plus(Duration.ofMinutes(25)), true);
        assertThat(b.runtimeSeconds()).isEqualTo(300);
        assertThat(b.status()).as("5 min left").isEqualTo(PowerStatus.LOW_BATTERY);
        b.advance(t0.plus(Duration.ofHours(2)), true);
        assertThat(b.charge()).isZero();
    }

    @Test
    void rechargesOnLine() {
        VirtualBattery b = new VirtualBattery(settings, 40, t0, false);
        assertThat(b.status()).isEqualTo(PowerStatus.CHARGING);
        b.advance(t0.plus(Duration.ofMinutes(90)), false);
        assertThat(b.charge()).isCloseTo(90, within(0.01));
        b.advance(t0.plus(Duration.ofHours(5)), false);
        assertThat(b.charge()).isEqualTo(100);
        assertThat(b.status()).isEqualTo(PowerStatus.ONLINE);
    }

    @Test
    void immediateModeGoesLowAtOnceLikeTheOriginalSentinelServer() {
        VirtualBattery b = new VirtualBattery(new BatterySettings(Duration.ofMinutes(30), Duration.ofHours(3), 20,
                Duration.ofMinutes(5), true, null), 100, t0, false);
        b.advance(t0, true);
        assertThat(b.status()).isEqualTo(PowerStatus.LOW_BATTERY);
        assertThat(b.charge()).isEqualTo(100);
    }

    @Test
    void chargeThresholdAlsoMakesItLow() {
        VirtualBattery b = new VirtualBattery(new BatterySettings(Duration.ofHours(10), Duration.ofHours(3), 50,
                Duration.ofMinutes(1), false, null), 100, t0, false);
        b.advance(t0, true);
        b.advance(t0.plus(Duration.ofHours(5)), true);
        assertThat(b.status()).isEqualTo(PowerStatus.LOW_BATTERY);
    }
}
