package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The energy report from readings to totals, on the in-memory store: readings are written, rolled up and summed per
 * day, and compared with the days before, as the energy page and the API show them.
 */
class EnergyReportTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final HistorySettings HISTORY = new HistorySettings(true, "memory", null, null, Duration.ofSeconds(5),
            HistorySettings.DEFAULT_VARIABLES, Map.of(Tier.RAW, Duration.ofDays(2), Tier.MINUTE, Duration.ofDays(14)));
    static final EnergySettings PRICES = new EnergySettings(0.5, "EUR", List.of(), 0.25);

    /** {@code hours} hours of {@code watts} read every 5 s from {@code start}. */
    static List<HistoryStore.Sample> readings(Instant start, int hours, double watts) {
        List<HistoryStore.Sample> out = new ArrayList<>();
        for (int i = 0; i < hours * 720; i++) {
            out.add(new HistoryStore.Sample("rack", "ups.realpower", start.plusSeconds(5L * i).toEpochMilli(), watts));
        }
        return out;
    }

    @Test
    void daysAreSummedAndComparedWithTheDaysBefore() throws Exception {
        Instant now = Instant.parse("2026-11-21T18:00:00Z");
        try (HistoryStore store = new MemoryHistoryStore()) {
            store.write(readings(Instant.parse("2026-11-18T08:00:00Z"), 2, 1000)); // the span before: 2 kWh
            store.write(readings(Instant.parse("2026-11-20T08:00:00Z"), 3, 1000)); // 3 kWh
            store.write(readings(Instant.parse("2026-11-21T08:00:00Z"), 1, 500)); // 0.5 kWh, today
            store.rollUp(now);
            EnergyReport r = EnergyReport.of(store, "rack", new Energy.Source("ups.realpower", null), Energy.Unit.DAY,
                    2, now, UTC, HISTORY, PRICES);
            assertThat(r.periods()).extracting(Energy.Period::start)
                    .containsExactly(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"));
            assertThat(r.periods().get(0).kwh()).isCloseTo(3.0, within(1e-9));
            assertThat(r.total().kwh()).isCloseTo(3.5, within(1e-9));
            assertThat(r.total().cost()).isCloseTo(1.75, within(1e-9));
            assertThat(r.total().co2Kg()).isCloseTo(0.875, within(1e-9));
            assertThat(r.previous().kwh()).isCloseTo(2.0, within(1e-9));
            assertThat(r.changePercent()).isCloseTo(75.0, within(1e-9));
        }
    }

    @Test
    void withNothingBeforeThereIsNoChangeToShow() throws Exception {
        Instant now = Instant.parse("2026-11-21T18:00:00Z");
        try (HistoryStore store = new MemoryHistoryStore()) {
            store.write(readings(Instant.parse("2026-11-21T08:00:00Z"), 1, 500));
            store.rollUp(now);
            EnergyReport r = EnergyReport.of(store, "rack", new Energy.Source("ups.realpower", null), Energy.Unit.DAY,
                    7, now, UTC, HISTORY, PRICES);
            assertThat(r.periods()).singleElement().satisfies(p -> assertThat(p.kwh()).isCloseTo(0.5, within(1e-9)));
            assertThat(r.changePercent()).isNull();
        }
    }
}
