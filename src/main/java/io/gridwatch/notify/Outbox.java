package io.gridwatch.notify;

import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable outbox: a notification is written to disk before anyone tries to send it, retried with doubling
 * backoff (30 s up to an hour) until its channel takes it or it expires, and kept afterwards (the last 500) so the
 * dashboard can show what was sent and what failed. A restart picks up every pending one; a delivered one is
 * never due again. Each change is one atomic file replace (notifications are few). Thread-safe.
 */
public final class Outbox {
    /** Where a notification stands. */
    public enum State { PENDING, DELIVERED, EXPIRED }

    /** One notification for one channel. {@code id} doubles as the idempotency key receivers may use. */
    public record Item(String id, String channel, Notification message, Instant created, State state, int attempts,
                       Instant nextAttempt, String lastError, Instant delivered, String deliveredBy) {
        public Item(String id, String channel, Notification message, Instant created, State state, int attempts,
                    Instant nextAttempt, String lastError, Instant delivered) {
            this(id, channel, message, created, state, attempts, nextAttempt, lastError, delivered, null);
        }

        public String type() {
            return message.type().key();
        }

        public String title() {
            return message.title();
        }

        public String body() {
            return message.message();
        }

        /** The JSON shape webhooks and MQTT events carry: id, type, title, message, severity, ups, drill, details, created. */
        public Map<String, Object> payload() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("type", message.type().key());
            m.put("title", message.title());
            m.put("message", message.message());
            m.put("severity", message.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("ups", message.ups());
            m.put("drill", message.drill());
            m.put("details", message.fields());
            m.put("created", created.toString());
            return m;
        }
    }

    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    static final int KEEP_FINISHED = 500;
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final Path file;
    private final Clock clock;
    private final Duration expireAfter;
    private final Map<String, Item> items = new LinkedHashMap<>();

    /** Opens (or creates) the outbox file; what it holds is pending again, as before the stop. */
    public Outbox(Path file, Clock clock, Duration expireAfter) throws IOException {
        this.file = file;
        this.clock = clock;
        this.expireAfter = expireAfter;
        if (Files.exists(file)) {
            List<Item> stored = JSON.readValue(Files.readString(file), new TypeReference<List<Item>>() { });
            stored.forEach(i -> items.put(i.id(), i));
        }
    }

    /** Stores a new notification (on disk before this returns) and makes it due now. */
    public synchronized Item enqueue(String channel, Notification message) {
        Instant now = clock.instant();
        Item i = new Item(UUID.randomUUID().toString(), channel, message, now, State.PENDING, 0, now, null, null);
        items.put(i.id(), i);
        save();
        return i;
    }

    /** Pending notifications whose next attempt is due, oldest first; expired ones are marked so on the way. */
    public synchronized List<Item> due() {
        Instant now = clock.instant();
        List<Item> out = new ArrayList<>();
        boolean changed = false;
        for (Item i : List.copyOf(items.values())) {
            if (i.state() != State.PENDING) {
                continue;
            }
            if (!now.isBefore(i.created().plus(expireAfter))) {
                items.put(i.id(), with(i, State.EXPIRED, i.attempts(), i.nextAttempt(), i.lastError(), null));
                changed = true;
            } else if (!now.isBefore(i.nextAttempt())) {
                out.add(i);
            }
        }
        if (changed) {
            save();
        }
        return out;
    }

    /** The channel took it: never due again. */
    public synchronized void delivered(String id) {
        Item i = items.get(id);
        if (i != null && i.state() == State.PENDING) {
            items.put(id, with(i, State.DELIVERED, i.attempts() + 1, null, i.lastError(), clock.instant()));
            prune();
            save();
        }
    }

    /**
     * Another server of the site sent the same notification (it led when the event happened): finished here too,
     * never sent from here.
     */
    public synchronized void deliveredElsewhere(String id, String server) {
        Item i = items.get(id);
        if (i != null && i.state() == State.PENDING) {
            Item d = with(i, State.DELIVERED, i.attempts(), null, i.lastError(), clock.instant());
            items.put(id, new Item(d.id(), d.channel(), d.message(), d.created(), d.state(), d.attempts(),
                    d.nextAttempt(), d.lastError(), d.delivered(), server));
            prune();
            save();
        }
    }

    /** The attempt failed: next one after a doubling wait (30 s, 1 min, 2 min ... at most an hour). */
    public synchronized void failed(String id, String error) {
        Item i = items.get(id);
        if (i != null && i.state() == State.PENDING) {
            int attempts = i.attempts() + 1;
            long factor = 1L << Math.min(20, attempts - 1);
            Duration wait = FIRST_RETRY.multipliedBy(factor);
            if (wait.compareTo(MAX_RETRY) > 0) {
                wait = MAX_RETRY;
            }
            items.put(id, with(i, State.PENDING, attempts, clock.instant().plus(wait), error, null));
            save();
        }
    }

    /** Everything held, newest first (for the dashboard). */
    public synchronized List<Item> all() {
        List<Item> out = new ArrayList<>(items.values());
        java.util.Collections.reverse(out);
        return out;
    }

    private void prune() {
        List<Item> finished = items.values().stream().filter(i -> i.state() != State.PENDING).toList();
        for (int k = 0; k < finished.size() - KEEP_FINISHED; k++) {
            items.remove(finished.get(k).id());
        }
    }

    private static Item with(Item i, State s, int attempts, Instant next, String error, Instant delivered) {
        // a finished report's HTML is large and never needed again: keep the file small
        Notification m = s == State.PENDING ? i.message() : i.message().withHtml(null);
        return new Item(i.id(), i.channel(), m, i.created(), s, attempts, next, error, delivered);
    }

    /** One held notification by id. */
    public synchronized java.util.Optional<Item> find(String id) {
        return java.util.Optional.ofNullable(items.get(id));
    }

    /** Makes a pending or expired notification due now again (the dashboard's "retry now"). */
    public synchronized boolean retryNow(String id) {
        Item i = items.get(id);
        if (i == null || i.state() == State.DELIVERED) {
            return false;
        }
        Instant now = clock.instant();
        // an expired one gets a fresh lease of life from now
        items.put(id, new Item(i.id(), i.channel(), i.message(), i.state() == State.EXPIRED ? now : i.created(),
                State.PENDING, i.attempts(), now, i.lastError(), null));
        save();
        return true;
    }

    private void save() {
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(List.copyOf(items.values())), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the notification outbox " + file + ": " + e.getMessage(), e);
        }
    }
}
