package io.gridwatch.history;

import java.time.LocalTime;
import java.util.List;

/**
 * {@code energy:}: what a kWh costs (a base price, and time-of-day tariffs that override it in their window), in
 * which currency, and how much CO₂ it stands for. Immutable.
 */
public record EnergySettings(double pricePerKwh, String currency, List<Tariff> tariffs, double co2KgPerKwh) {
    public EnergySettings {
        tariffs = List.copyOf(tariffs);
    }

    /** A price from {@code from} to {@code to} (site time; to before from wraps past midnight). */
    public record Tariff(String name, LocalTime from, LocalTime to, double pricePerKwh) {
        boolean covers(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    /** The price of a kWh used at {@code t}. */
    public double priceAt(LocalTime t) {
        for (Tariff x : tariffs) {
            if (x.covers(t)) {
                return x.pricePerKwh();
            }
        }
        return pricePerKwh;
    }
}
