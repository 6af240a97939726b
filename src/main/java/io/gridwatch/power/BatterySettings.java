package io.gridwatch.power;

import java.time.Duration;

/**
 * The virtual battery of a UPS without a data port: how long a full battery lasts at the site's load, how long
 * it takes to recharge, and when it counts as low. {@code immediateLow} reproduces the sentinel server's
 * original behaviour ({@code OB LB} as soon as the grid is lost) for clients that react only to LB.
 * Immutable.
 */
public record BatterySettings(Duration runtime, Duration recharge, int chargeLow, Duration runtimeLow,
                              boolean immediateLow, Integer nominalPower) {
    public BatterySettings {
        if (runtime.isZero() || runtime.isNegative() || recharge.isZero() || recharge.isNegative()) {
            throw new IllegalArgumentException("runtime and recharge must be positive");
        }
    }

    public static BatterySettings defaults() {
        return new BatterySettings(Duration.ofMinutes(30), Duration.ofHours(8), 20, Duration.ofMinutes(5), false, null);
    }
}
