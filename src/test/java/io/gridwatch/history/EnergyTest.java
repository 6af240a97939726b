package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Energy integration, tariffs, CO2, coverage and period boundaries, on buckets made by hand. */
class EnergyTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final EnergySettings PRICES = new EnergySettings(0.10, "EUR",
            List.of(new EnergySettings.Tariff("day", LocalTime.of(7, 0), LocalTime.of(23, 0), 0.30)), 0.4);

    /** {@code minutes} minute buckets from {@code start}, each averaging {@code avg} with {@code n} readings. */
    static List<HistoryStore.Bucket> minutes(Instant start, int minutes, double avg, int n) {
        List<HistoryStore.Bucket> out = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            out.add(new HistoryStore.Bucket(start.plusSeconds(60L * i).toEpochMilli(), avg, n));
        }
        return out;
    }

    @Test
    void powerTimesTimeAtTheTariffInForce() {
        // 600 W for an hour at night (06:00) and an hour by day (07:00), 12 readings of 5 s in every minute
        List<HistoryStore.Bucket> b = minutes(Instant.parse("2026-11-20T06:00:00Z"), 120, 600, 12);
        List<Energy.Period> hours = Energy.periods(b, Duration.ofMinutes(1), null, Duration.ofSeconds(5),
                Energy.Unit.HOUR, UTC, PRICES);
        assertThat(hours).hasSize(2);
        assertThat(hours.get(0).kwh()).isCloseTo(0.6, within(1e-9));
        assertThat(hours.get(0).cost()).as("night: base price").isCloseTo(0.06, within(1e-9));
        assertThat(hours.get(1).cost()).as("day tariff").isCloseTo(0.18, within(1e-9));
        assertThat(hours.get(1).co2Kg()).isCloseTo(0.24, within(1e-9));
        assertThat(hours.get(0).coverage()).isCloseTo(1.0, within(1e-9));
        List<Energy.Period> days = Energy.periods(b, Duration.ofMinutes(1), null, Duration.ofSeconds(5),
                Energy.Unit.DAY, UTC, PRICES);
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.kwh()).isCloseTo(1.2, within(1e-9));
            assertThat(d.start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
            assertThat(d.coverage()).isCloseTo(2 / 24.0, within(1e-9));
        });
    }

    @Test
    void loadTimesNominalPowerAndGapsCountOnlyWhatWasMeasured() {
        // 50 % of 1 000 W, but only 6 readings of 5 s per minute: half of each minute is covered
        List<HistoryStore.Bucket> b = minutes(Instant.parse("2026-11-20T12:00:00Z"), 60, 50, 6);
        Energy.Period h = Energy.periods(b, Duration.ofMinutes(1), 1000.0, Duration.ofSeconds(5), Energy.Unit.HOUR,
                UTC, PRICES).get(0);
        assertThat(h.kwh()).isCloseTo(0.25, within(1e-9));
        assertThat(h.coverage()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void daysAndMonthsFollowTheSiteTimeZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 23:30 UTC on Nov 20 is 00:30 on Nov 21 in Berlin
        List<HistoryStore.Bucket> b = minutes(Instant.parse("2026-11-20T23:30:00Z"), 1, 60_000, 12);
        Energy.Period d = Energy.periods(b, Duration.ofMinutes(1), null, Duration.ofSeconds(5), Energy.Unit.DAY,
                berlin, PRICES).get(0);
        assertThat(d.start()).isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
        assertThat(d.kwh()).isCloseTo(1.0, within(1e-9));
        Energy.Period m = Energy.periods(b, Duration.ofMinutes(1), null, Duration.ofSeconds(5), Energy.Unit.MONTH,
                berlin, PRICES).get(0);
        assertThat(m.start()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void aTariffAcrossMidnight() {
        EnergySettings night = new EnergySettings(0.30, "EUR",
                List.of(new EnergySettings.Tariff("night", LocalTime.of(22, 0), LocalTime.of(6, 0), 0.10)), 0);
        assertThat(night.priceAt(LocalTime.of(23, 0))).isEqualTo(0.10);
        assertThat(night.priceAt(LocalTime.of(5, 59))).isEqualTo(0.10);
        assertThat(night.priceAt(LocalTime.of(6, 0))).isEqualTo(0.30);
        assertThat(night.priceAt(LocalTime.of(12, 0))).isEqualTo(0.30);
    }
}
