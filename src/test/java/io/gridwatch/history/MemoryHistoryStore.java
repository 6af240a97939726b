package io.gridwatch.history;

import io.gridwatch.journal.EventJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * History in memory, for tests that need a store but not a database: the same contract as {@link JdbcHistoryStore}
 * ({@link HistoryStoreContract} runs on both), nothing kept after close. Thread-safe.
 */
public final class MemoryHistoryStore implements HistoryStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A rollup row: what {@link Point} and {@link Bucket} are read from. */
    private record Row(double min, double avg, double max, int n) {
    }

    private final Map<String, NavigableMap<Long, Double>> samples = new HashMap<>();
    private final Map<Tier, Map<String, NavigableMap<Long, Row>>> rollups = new EnumMap<>(Tier.class);
    private final Map<Tier, Long> progress = new EnumMap<>(Tier.class);
    private final Archive events = new Archive();

    private static String series(String ups, String var) {
        return ups + "\u0000" + var;
    }

    @Override
    public synchronized void write(List<Sample> batch) {
        for (Sample s : batch) {
            samples.computeIfAbsent(series(s.ups(), s.var()), k -> new TreeMap<>()).putIfAbsent(s.ts(), s.value());
        }
    }

    @Override
    public synchronized void rollUp(Instant now) {
        for (Tier tier : List.of(Tier.MINUTE, Tier.HOUR, Tier.DAY)) {
            long bucket = tier.bucket().toMillis();
            long until = Math.floorDiv(now.toEpochMilli(), bucket) * bucket;
            long from = progress.getOrDefault(tier, Long.MIN_VALUE / 2);
            if (from >= until) {
                continue;
            }
            long start = Math.floorDiv(from, bucket) * bucket;
            Map<String, NavigableMap<Long, Row>> into = rollups.computeIfAbsent(tier, t -> new HashMap<>());
            for (Map.Entry<String, NavigableMap<Long, Row>> e : source(tier).entrySet()) {
                Map<Long, List<Row>> groups = new TreeMap<>();
                e.getValue().subMap(start, true, until, false).forEach((ts, row) ->
                        groups.computeIfAbsent(Math.floorDiv(ts, bucket) * bucket, b -> new ArrayList<>()).add(row));
                groups.forEach((b, rows) -> into.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(b, merge(rows)));
            }
            progress.put(tier, until);
        }
    }

    /** What a tier is rolled up from: raw readings (as rows of one) for minutes, else the tier below. */
    private Map<String, NavigableMap<Long, Row>> source(Tier tier) {
        if (tier != Tier.MINUTE) {
            return rollups.getOrDefault(Tier.values()[tier.ordinal() - 1], Map.of());
        }
        Map<String, NavigableMap<Long, Row>> raw = new HashMap<>();
        samples.forEach((k, v) -> {
            NavigableMap<Long, Row> rows = new TreeMap<>();
            v.forEach((ts, value) -> rows.put(ts, new Row(value, value, value, 1)));
            raw.put(k, rows);
        });
        return raw;
    }

    private static Row merge(List<Row> rows) {
        int n = rows.stream().mapToInt(Row::n).sum();
        return new Row(rows.stream().mapToDouble(Row::min).min().orElseThrow(),
                rows.stream().mapToDouble(r -> r.avg() * r.n()).sum() / n,
                rows.stream().mapToDouble(Row::max).max().orElseThrow(), n);
    }

    @Override
    public synchronized void prune(Instant now, Map<Tier, Duration> retention) {
        retention.forEach((tier, keep) -> {
            long before = now.minus(keep).toEpochMilli();
            if (tier == Tier.RAW) {
                samples.values().forEach(m -> m.headMap(before, false).clear());
            } else {
                rollups.getOrDefault(tier, Map.of()).values().forEach(m -> m.headMap(before, false).clear());
            }
        });
    }

    @Override
    public synchronized List<Point> query(String ups, String var, Instant from, Instant to, Tier tier) {
        List<Point> out = new ArrayList<>();
        if (tier == Tier.RAW) {
            range(samples.get(series(ups, var)), from, to).forEach((ts, v) -> out.add(new Point(ts, v, v, v)));
        } else {
            range(rollups.getOrDefault(tier, Map.of()).get(series(ups, var)), from, to)
                    .forEach((ts, r) -> out.add(new Point(ts, r.min(), r.avg(), r.max())));
        }
        return out;
    }

    @Override
    public synchronized List<Bucket> buckets(String ups, String var, Instant from, Instant to, Tier tier) {
        if (tier == Tier.RAW) {
            throw new IllegalArgumentException("buckets come from a rollup tier");
        }
        List<Bucket> out = new ArrayList<>();
        range(rollups.getOrDefault(tier, Map.of()).get(series(ups, var)), from, to)
                .forEach((ts, r) -> out.add(new Bucket(ts, r.avg(), r.n())));
        return out;
    }

    private static <V> Map<Long, V> range(NavigableMap<Long, V> m, Instant from, Instant to) {
        return m == null || !from.isBefore(to) ? Map.of() : m.subMap(from.toEpochMilli(), true, to.toEpochMilli(), false);
    }

    @Override
    public EventArchive events() {
        return events;
    }

    @Override
    public void close() {
    }

    /** The event archive in memory: ids from 1, newest last. */
    private static final class Archive implements EventArchive {
        private final List<ArchivedEvent> all = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        @Override
        public synchronized void append(List<EventJournal.Entry> entries) {
            for (EventJournal.Entry e : entries) {
                if (e.key() != null && !keys.add(e.key())) {
                    continue;
                }
                all.add(new ArchivedEvent(all.size() + 1, Instant.ofEpochMilli(e.at().toEpochMilli()), e.ups(), e.type(),
                        e.level().name().toLowerCase(Locale.ROOT), EventArchive.message(e), details(e.details()), null,
                        null));
            }
        }

        /** The details as they come back from JSON, none when their JSON is too long (as the database keeps them). */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> details(Map<String, Object> details) {
            String json = JdbcEventArchive.detailsJson(details);
            return json == null ? Map.of() : JSON.readValue(json, LinkedHashMap.class);
        }

        @Override
        public synchronized List<ArchivedEvent> find(String ups, String type, String level, Instant from, Instant to,
                                                     Long before, int limit) {
            List<ArchivedEvent> out = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
                ArchivedEvent e = all.get(i);
                if (!e.at().isBefore(from) && e.at().isBefore(to)
                        && (ups == null || ups.equalsIgnoreCase(e.ups()))
                        && (type == null || type.equals(e.type())) && (level == null || level.equals(e.level()))
                        && (before == null || e.id() < before)) {
                    out.add(e);
                }
            }
            return out;
        }

        @Override
        public synchronized boolean ack(long id, String by, Instant at) {
            if (id < 1 || id > all.size() || all.get((int) id - 1).ackedAt() != null) {
                return false;
            }
            ArchivedEvent e = all.get((int) id - 1);
            all.set((int) id - 1, new ArchivedEvent(e.id(), e.at(), e.ups(), e.type(), e.level(), e.message(),
                    e.details(), Instant.ofEpochMilli(at.toEpochMilli()), by));
            return true;
        }
    }
}
