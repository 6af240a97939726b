package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The history store on both databases, with the same migrations and the same assertions: SQLite in a temporary
 * file, and PostgreSQL ({@link Postgres}: the machine's on 127.0.0.1:5432, else one started from Maven Central's
 * binaries) in a schema of its own that the test drops. Times are chosen, not read from a clock.
 */
@org.junit.jupiter.api.Tag("services")
class HistoryStoreTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Postgres.Server PG = Postgres.get();

    @TempDir
    Path dir;
    String schema;
    HistoryStore store;

    HistoryStore open(String db) throws Exception {
        if (db.equals("sqlite")) {
            store = HistoryStore.open("jdbc:sqlite:" + dir.resolve("history.db"), null, null);
        } else {
            schema = "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = PG.connect()) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            store = HistoryStore.open(PG.url(schema), PG.user(), "");
        }
        return store;
    }

    @AfterEach
    void drop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (schema != null) {
            try (Connection c = PG.connect()) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void rawSamplesComeBackInOrderAndDuplicatesAreKeptOnce(String db) throws Exception {
        HistoryStore s = open(db);
        s.write(List.of(new HistoryStore.Sample("rack", "battery.charge", t(10), 99),
                new HistoryStore.Sample("rack", "battery.charge", t(5), 100),
                new HistoryStore.Sample("rack", "ups.load", t(5), 23.5),
                new HistoryStore.Sample("other", "battery.charge", t(5), 50)));
        s.write(List.of(new HistoryStore.Sample("rack", "battery.charge", t(10), 12345)));
        List<HistoryStore.Point> p = s.query("rack", "battery.charge", T0, T0.plusSeconds(60), Tier.RAW);
        assertThat(p).extracting(HistoryStore.Point::ts).containsExactly(t(5), t(10));
        assertThat(p).extracting(HistoryStore.Point::avg).containsExactly(100.0, 99.0);
        assertThat(s.query("rack", "nope", T0, T0.plusSeconds(60), Tier.RAW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void rollupsAreMinAvgMaxWeightedByCount(String db) throws Exception {
        HistoryStore s = open(db);
        List<HistoryStore.Sample> batch = new ArrayList<>();
        // minute 0: 12 readings 0..11; minute 1: 6 readings, all 100; minute 2 (incomplete at 'now'): 1 reading
        for (int i = 0; i < 12; i++) {
            batch.add(new HistoryStore.Sample("rack", "ups.load", t(i * 5), i));
        }
        for (int i = 0; i < 6; i++) {
            batch.add(new HistoryStore.Sample("rack", "ups.load", t(60 + i * 10), 100));
        }
        batch.add(new HistoryStore.Sample("rack", "ups.load", t(125), 7));
        s.write(batch);
        s.rollUp(T0.plusSeconds(150));
        List<HistoryStore.Point> m = s.query("rack", "ups.load", T0, T0.plusSeconds(3600), Tier.MINUTE);
        assertThat(m).hasSize(2).as("the minute still in progress is not rolled up yet");
        assertThat(m.get(0)).isEqualTo(new HistoryStore.Point(t(0), 0, 5.5, 11));
        assertThat(m.get(1)).isEqualTo(new HistoryStore.Point(t(60), 100, 100, 100));

        s.rollUp(T0.plus(Duration.ofHours(1)));
        List<HistoryStore.Point> h = s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(1)), Tier.HOUR);
        assertThat(h).hasSize(1);
        // (12 x 5.5 + 6 x 100 + 1 x 7) / 19: the average of the readings, not of the minute averages
        assertThat(h.get(0).avg()).isCloseTo((12 * 5.5 + 600 + 7) / 19.0, within(1e-9));
        assertThat(h.get(0).min()).isEqualTo(0);
        assertThat(h.get(0).max()).isEqualTo(100);

        s.rollUp(T0.plus(Duration.ofDays(1)));
        assertThat(s.query("rack", "ups.load", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), Tier.DAY))
                .singleElement().satisfies(d -> assertThat(d.avg()).isCloseTo((12 * 5.5 + 600 + 7) / 19.0, within(1e-9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void retentionDropsOldRowsPerTier(String db) throws Exception {
        HistoryStore s = open(db);
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(0), 1),
                new HistoryStore.Sample("rack", "ups.load", T0.plus(Duration.ofDays(8)).toEpochMilli(), 2)));
        s.rollUp(T0.plus(Duration.ofDays(9)));
        s.prune(T0.plus(Duration.ofDays(9)), Map.of(Tier.RAW, Duration.ofDays(7), Tier.MINUTE, Duration.ofDays(30)));
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.RAW)).extracting(HistoryStore.Point::avg)
                .containsExactly(2.0);
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.MINUTE)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void reopeningKeepsEverythingAndMigratesNothingTwice(String db) throws Exception {
        HistoryStore s = open(db);
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(0), 1)));
        s.close();
        store = db.equals("sqlite") ? HistoryStore.open("jdbc:sqlite:" + dir.resolve("history.db"), null, null)
                : HistoryStore.open(PG.url(schema), PG.user(), "");
        store.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(5), 2),
                new HistoryStore.Sample("rack", "battery.charge", t(5), 90)));
        assertThat(store.query("rack", "ups.load", T0, T0.plusSeconds(60), Tier.RAW)).hasSize(2);
        assertThat(store.query("rack", "battery.charge", T0, T0.plusSeconds(60), Tier.RAW)).hasSize(1);
    }

    static long t(int seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }
}
