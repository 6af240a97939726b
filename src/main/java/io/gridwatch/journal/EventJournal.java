package io.gridwatch.journal;

import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The recent events of the site, numbered, newest last, for the API and the dashboard: every hub event but
 * snapshot churn, plus site events recorded directly (a configuration saved). Keeps the last {@code capacity};
 * the history store keeps them for good. Thread-safe.
 */
public final class EventJournal implements AutoCloseable {
    /**
     * One recorded event. {@code ups} is null for site-wide events; {@code key} is unique across restarts (the
     * archive stores each key once).
     */
    public record Entry(long id, Instant at, String ups, String type, EventText.Level level, String message,
                        Map<String, Object> details, String key) {
    }

    /** A page of entries, newest first, and the id to pass as {@code before} for the next page (or null). */
    public record Page(List<Entry> items, Long next) {
    }

    private final int capacity;
    /** Tells this run's entries from those of earlier runs (ids start again at 1 on every start). */
    private final String run = java.util.UUID.randomUUID().toString();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long lastId;
    private EventBus.Subscription subscription;

    private final java.util.List<java.util.function.Consumer<Entry>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Calls {@code listener} with every entry recorded from now on (on the recording thread: keep it quick). */
    public void onRecord(java.util.function.Consumer<Entry> listener) {
        listeners.add(listener);
    }

    /** Every entry still held, oldest first. */
    public synchronized List<Entry> all() {
        return List.copyOf(entries);
    }

    public EventJournal(int capacity) {
        this.capacity = capacity;
    }

    /** Starts recording the hub's events. */
    public void follow(UpsHub hub) {
        hub.onDurable(this::record);
        subscription = hub.subscribe("journal", e -> {
            if (!EventText.durable(e)) {
                record(e);
            }
        });
    }

    private void record(UpsEvent e) {
        if (EventText.journaled(e)) {
            record(e.at(), e.ups().value(), EventText.type(e), EventText.level(e), EventText.message(e),
                    EventText.details(e));
        }
    }

    public synchronized Entry record(Instant at, String ups, String type, EventText.Level level, String message,
                                     Map<String, Object> details) {
        java.util.LinkedHashMap<String, Object> kept = new java.util.LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        ++lastId;
        Entry e = new Entry(lastId, at, ups, type, level, message, java.util.Collections.unmodifiableMap(kept),
                run + "-" + lastId);
        entries.addLast(e);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        listeners.forEach(l -> l.accept(e));
        return e;
    }

    /**
     * Entries matching {@code filter}, newest first, older than {@code before} (null: from the newest), at most
     * {@code limit}.
     */
    public synchronized Page page(Predicate<Entry> filter, Long before, int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, 256));
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if ((before == null || e.id() < before) && filter.test(e)) {
                if (out.size() == limit) {
                    return new Page(out, out.get(out.size() - 1).id());
                }
                out.add(e);
            }
        }
        return new Page(out, null);
    }

    public synchronized long lastId() {
        return lastId;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
