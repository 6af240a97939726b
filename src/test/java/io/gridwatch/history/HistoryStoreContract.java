package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.hub.EventText;
import io.gridwatch.journal.EventJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryStore} does, whatever keeps it: the same assertions run on SQLite, PostgreSQL and the
 * in-memory store the other tests use, so that a test passing on the fake says something about the real ones.
 * Times are chosen, not read from a clock.
 */
abstract class HistoryStoreContract {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    HistoryStore store;

    /** A new, empty store. */
    abstract HistoryStore open() throws Exception;

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    HistoryStore fresh() throws Exception {
        store = open();
        return store;
    }

    @Test
    void rawSamplesComeBackInOrderAndDuplicatesAreKeptOnce() throws Exception {
        HistoryStore s = fresh();
        s.write(List.of(new HistoryStore.Sample("rack", "battery.charge", t(10), 99),
                new HistoryStore.Sample("rack", "battery.charge", t(5), 100),
                new HistoryStore.Sample("rack", "ups.load", t(5), 23.5),
                new HistoryStore.Sample("other", "battery.charge", t(5), 50)));
        s.write(List.of(new HistoryStore.Sample("rack", "battery.charge", t(10), 12345)));
        List<HistoryStore.Point> p = s.query("rack", "battery.charge", T0, T0.plusSeconds(60), Tier.RAW);
        assertThat(p).extracting(HistoryStore.Point::ts).containsExactly(t(5), t(10));
        assertThat(p).extracting(HistoryStore.Point::avg).containsExactly(100.0, 99.0);
        assertThat(s.query("rack", "battery.charge", T0, T0.plusSeconds(10), Tier.RAW))
                .as("the end of a range is not in it").hasSize(1);
        assertThat(s.query("rack", "nope", T0, T0.plusSeconds(60), Tier.RAW)).isEmpty();
        assertThat(s.query("nope", "battery.charge", T0, T0.plusSeconds(60), Tier.MINUTE)).isEmpty();
    }

    @Test
    void rollupsAreMinAvgMaxWeightedByCount() throws Exception {
        HistoryStore s = fresh();
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
        assertThat(s.buckets("rack", "ups.load", T0, T0.plusSeconds(3600), Tier.MINUTE))
                .containsExactly(new HistoryStore.Bucket(t(0), 5.5, 12), new HistoryStore.Bucket(t(60), 100, 6));

        s.rollUp(T0.plus(Duration.ofHours(1)));
        List<HistoryStore.Point> h = s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(1)), Tier.HOUR);
        assertThat(h).hasSize(1);
        // (12 x 5.5 + 6 x 100 + 1 x 7) / 19: the average of the readings, not of the minute averages
        assertThat(h.get(0).avg()).isCloseTo((12 * 5.5 + 600 + 7) / 19.0, within(1e-9));
        assertThat(h.get(0).min()).isEqualTo(0);
        assertThat(h.get(0).max()).isEqualTo(100);
        assertThat(s.buckets("rack", "ups.load", T0, T0.plus(Duration.ofDays(1)), Tier.HOUR))
                .singleElement().satisfies(b -> assertThat(b.n()).isEqualTo(19));

        s.rollUp(T0.plus(Duration.ofDays(1)));
        assertThat(s.query("rack", "ups.load", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), Tier.DAY))
                .singleElement().satisfies(d -> assertThat(d.avg()).isCloseTo((12 * 5.5 + 600 + 7) / 19.0, within(1e-9)));
    }

    @Test
    void aReadingThatArrivesLateIsCountedInItsBucketOnTheNextRollUp() throws Exception {
        HistoryStore s = fresh();
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(65), 10)));
        s.rollUp(T0.plusSeconds(90)); // minute 0 done (empty), minute 1 not yet
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(70), 30)));
        s.rollUp(T0.plusSeconds(180));
        assertThat(s.query("rack", "ups.load", T0, T0.plusSeconds(3600), Tier.MINUTE))
                .containsExactly(new HistoryStore.Point(t(60), 10, 20, 30));
        s.rollUp(T0.plusSeconds(180)); // nothing new: the same result
        assertThat(s.buckets("rack", "ups.load", T0, T0.plusSeconds(3600), Tier.MINUTE))
                .containsExactly(new HistoryStore.Bucket(t(60), 20, 2));
    }

    @Test
    void bucketsAreReadFromARollupTierOnly() throws Exception {
        HistoryStore s = fresh();
        assertThatThrownBy(() -> s.buckets("rack", "ups.load", T0, T0.plusSeconds(60), Tier.RAW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollup tier");
    }

    @Test
    void retentionDropsOldRowsPerTier() throws Exception {
        HistoryStore s = fresh();
        s.write(List.of(new HistoryStore.Sample("rack", "ups.load", t(0), 1),
                new HistoryStore.Sample("rack", "ups.load", T0.plus(Duration.ofDays(8)).toEpochMilli(), 2)));
        s.rollUp(T0.plus(Duration.ofDays(9)));
        s.prune(T0.plus(Duration.ofDays(9)), Map.of(Tier.RAW, Duration.ofDays(7), Tier.MINUTE, Duration.ofDays(30)));
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.RAW))
                .extracting(HistoryStore.Point::avg).containsExactly(2.0);
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.MINUTE)).hasSize(2);
        s.prune(T0.plus(Duration.ofDays(9)), Map.of(Tier.MINUTE, Duration.ofDays(2)));
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.MINUTE)).hasSize(1);
        assertThat(s.query("rack", "ups.load", T0, T0.plus(Duration.ofDays(10)), Tier.HOUR))
                .as("a tier not named is kept").hasSize(2);
    }

    static EventJournal.Entry entry(String key, int second, String ups, String type, EventText.Level level,
                                    String message, Map<String, Object> details) {
        return new EventJournal.Entry(0, T0.plusSeconds(second), ups, type, level, message, details, key);
    }

    @Test
    void eventsAreKeptOnceByKeyAndComeBackNewestFirst() throws Exception {
        EventArchive a = fresh().events();
        a.append(List.of(entry("k1", 1, "rack", "ONBATT", EventText.Level.WARNING, "on battery", Map.of("charge", 97)),
                entry("k2", 2, "Rack", "ONLINE", EventText.Level.INFO, "back on mains", Map.of())));
        a.append(List.of(entry("k2", 2, "Rack", "ONLINE", EventText.Level.INFO, "back on mains", Map.of()),
                entry("k3", 3, null, "CONFIG", EventText.Level.INFO, "configuration reloaded", null)));
        List<EventArchive.ArchivedEvent> all = a.find(null, null, null, T0, T0.plusSeconds(60), null, 10);
        assertThat(all).extracting(EventArchive.ArchivedEvent::type).containsExactly("CONFIG", "ONLINE", "ONBATT");
        EventArchive.ArchivedEvent first = all.get(2);
        assertThat(first.at()).isEqualTo(T0.plusSeconds(1));
        assertThat(first.level()).isEqualTo("warning");
        assertThat(first.details()).isEqualTo(Map.of("charge", 97));
        assertThat(first.ackedAt()).isNull();
        assertThat(all.get(0).details()).isEmpty();
        assertThat(all.get(0).id()).isGreaterThan(all.get(1).id());
    }

    @Test
    void eventsAreFilteredByUpsIgnoringCaseTypeLevelTimeAndPage() throws Exception {
        EventArchive a = fresh().events();
        List<EventJournal.Entry> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(entry("e" + i, i, i % 2 == 0 ? "rack" : "lab", i < 5 ? "ONBATT" : "ONLINE",
                    i < 5 ? EventText.Level.WARNING : EventText.Level.INFO, "event " + i, Map.of()));
        }
        a.append(batch);
        assertThat(a.find("RACK", null, null, T0, T0.plusSeconds(60), null, 100)).extracting(EventArchive.ArchivedEvent::message)
                .containsExactly("event 8", "event 6", "event 4", "event 2", "event 0");
        assertThat(a.find(null, "ONLINE", "info", T0, T0.plusSeconds(60), null, 100)).hasSize(5);
        assertThat(a.find(null, "ONLINE", "warning", T0, T0.plusSeconds(60), null, 100)).isEmpty();
        assertThat(a.find(null, null, null, T0.plusSeconds(3), T0.plusSeconds(6), null, 100))
                .extracting(EventArchive.ArchivedEvent::message).containsExactly("event 5", "event 4", "event 3");
        List<EventArchive.ArchivedEvent> page = a.find(null, null, null, T0, T0.plusSeconds(60), null, 4);
        assertThat(page).extracting(EventArchive.ArchivedEvent::message)
                .containsExactly("event 9", "event 8", "event 7", "event 6");
        assertThat(a.find(null, null, null, T0, T0.plusSeconds(60), page.get(3).id(), 2))
                .extracting(EventArchive.ArchivedEvent::message).containsExactly("event 5", "event 4");
    }

    @Test
    void anEventIsAcknowledgedOnceAndFoundByItsId() throws Exception {
        EventArchive a = fresh().events();
        a.append(List.of(entry("k1", 1, "rack", "ONBATT", EventText.Level.WARNING, "on battery", Map.of())));
        long id = a.find(null, null, null, T0, T0.plusSeconds(60), null, 1).get(0).id();
        assertThat(a.ack(id, "alice@127.0.0.1 (web)", T0.plusSeconds(30))).isTrue();
        assertThat(a.ack(id, "bob@127.0.0.1 (web)", T0.plusSeconds(40))).as("already acknowledged").isFalse();
        assertThat(a.ack(id + 1000, "bob@127.0.0.1 (web)", T0.plusSeconds(40))).as("no such event").isFalse();
        assertThat(a.get(id)).hasValueSatisfying(e -> {
            assertThat(e.ackedBy()).isEqualTo("alice@127.0.0.1 (web)");
            assertThat(e.ackedAt()).isEqualTo(T0.plusSeconds(30));
        });
        assertThat(a.get(id + 1000)).isEmpty();
    }

    @Test
    void aLongMessageIsCutAndDetailsTooLongAreDroppedButTheEventStays() throws Exception {
        EventArchive a = fresh().events();
        a.append(List.of(entry("k1", 1, "rack", "NOTIFY", EventText.Level.WARNING, "m".repeat(5000),
                Map.of("body", "b".repeat(5000)))));
        EventArchive.ArchivedEvent e = a.find(null, null, null, T0, T0.plusSeconds(60), null, 1).get(0);
        assertThat(e.message()).hasSize(EventArchive.MAX_MESSAGE);
        assertThat(e.details()).isEmpty();
    }

    static long t(int seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }
}
