package io.gridwatch.server;

import io.gridwatch.hub.CommandResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TRACKING ids of SET VAR and INSTCMD (NUT protocol 1.3): an upper-case UUID per request, answering
 * {@code PENDING} until the driver is done and then the result. Entries are forgotten after an hour, and the
 * table holds at most {@code capacity} of them, so a client looping on SET cannot grow it without bound.
 * Thread-safe.
 */
public final class TrackingTable {
    private static final Duration TTL = Duration.ofHours(1);

    private final Clock clock;
    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(long created, CompletableFuture<CommandResult> result) {
    }

    public TrackingTable(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Registers a command in flight and returns its id. */
    public String track(CompletableFuture<CommandResult> result) {
        if (entries.size() >= capacity) {
            expire(true);
        }
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        entries.put(id, new Entry(clock.millis(), result));
        return id;
    }

    /** The reply to {@code GET TRACKING <id>}. */
    public String lookup(String id) {
        Entry e = entries.get(id.toUpperCase(Locale.ROOT));
        if (e == null) {
            return CommandResult.UNKNOWN.trackingLine();
        }
        CommandResult r = e.result.getNow(null);
        return r == null ? "PENDING" : r.trackingLine();
    }

    public int size() {
        return entries.size();
    }

    private void expire(boolean full) {
        long cutoff = clock.millis() - TTL.toMillis();
        entries.values().removeIf(e -> e.created < cutoff);
        if (full && entries.size() >= capacity) {
            // still full of recent ids: drop the oldest tenth
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a.created, b.created)))
                    .limit(Math.max(1, capacity / 10)).toList().iterator();
            it.forEachRemaining(en -> entries.remove(en.getKey()));
        }
    }
}
