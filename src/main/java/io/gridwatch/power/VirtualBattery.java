package io.gridwatch.power;

import java.time.Duration;
import java.time.Instant;

/**
 * Models a battery nobody can ask: it drains linearly over the configured runtime while on battery and
 * recharges linearly over the recharge time on line. Gives the NUT status words and the charge and runtime
 * estimates; low battery when the runtime estimate falls under {@code runtimeLow} or the charge under
 * {@code chargeLow} (or at once, in immediate mode). Pure: time is passed in; not thread-safe.
 */
public final class VirtualBattery {
    private final BatterySettings settings;
    private double charge;
    private Instant at;
    private boolean onBattery;

    /** @param onBattery whether the site has been on battery since {@code at} */
    public VirtualBattery(BatterySettings settings, double charge, Instant at, boolean onBattery) {
        this.settings = settings;
        this.charge = clamp(charge);
        this.at = at;
        this.onBattery = onBattery;
    }

    /** Moves the model to {@code now}, then records whether the site is now on battery. */
    public void advance(Instant now, boolean nowOnBattery) {
        if (now.isAfter(at)) {
            double seconds = Duration.between(at, now).toMillis() / 1000.0;
            double rate = onBattery ? -100.0 / settings.runtime().toSeconds() : 100.0 / settings.recharge().toSeconds();
            charge = clamp(charge + rate * seconds);
            at = now;
        }
        onBattery = nowOnBattery;
    }

    /** Percent, 0 to 100. */
    public double charge() {
        return charge;
    }

    /** Seconds left at the site's load, from the current charge. */
    public long runtimeSeconds() {
        return Math.round(charge / 100.0 * settings.runtime().toSeconds());
    }

    public boolean lowBattery() {
        if (!onBattery) {
            return false;
        }
        return settings.immediateLow() || charge <= settings.chargeLow()
                || runtimeSeconds() <= settings.runtimeLow().toSeconds();
    }

    /** On line (charging below 99.5 %) or on battery (low at the thresholds). */
    public PowerStatus status() {
        if (onBattery) {
            return lowBattery() ? PowerStatus.LOW_BATTERY : PowerStatus.ON_BATTERY;
        }
        return charge < 99.5 ? PowerStatus.CHARGING : PowerStatus.ONLINE;
    }

    public boolean onBattery() {
        return onBattery;
    }

    public Instant at() {
        return at;
    }

    public BatterySettings settings() {
        return settings;
    }

    private static double clamp(double c) {
        return Math.max(0, Math.min(100, c));
    }
}
