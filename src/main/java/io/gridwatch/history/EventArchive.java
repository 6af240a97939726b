package io.gridwatch.history;

import io.gridwatch.journal.EventJournal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every journal entry, kept across restarts and acknowledgeable. An entry is stored once however often it is
 * appended (by its key), its message cut at {@value #MAX_MESSAGE} characters, its details dropped (the message
 * stays) when their JSON is longer than {@value #MAX_DETAILS}.
 */
public interface EventArchive {
    /** The longest message kept. */
    int MAX_MESSAGE = 2000;
    /** The longest details kept, as JSON. */
    int MAX_DETAILS = 4000;

    /** An archived event. */
    record ArchivedEvent(long id, Instant at, String ups, String type, String level, String message,
                         Map<String, Object> details, Instant ackedAt, String ackedBy) {
    }

    /** Appends journal entries, all or nothing; an entry already archived (same key) is kept once. */
    void append(List<EventJournal.Entry> entries) throws SQLException;

    /**
     * Archived events, newest first, filtered (null: any; the UPS name ignoring case), in [from, to), with an id
     * below {@code before}, at most {@code limit}.
     */
    List<ArchivedEvent> find(String ups, String type, String level, Instant from, Instant to, Long before, int limit)
            throws SQLException;

    /** One archived event by its id. */
    default Optional<ArchivedEvent> get(long id) throws SQLException {
        return find(null, null, null, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE), id + 1, 1).stream()
                .filter(e -> e.id() == id).findFirst();
    }

    /** Marks an event acknowledged; false when there is no such event or it already was. */
    boolean ack(long id, String by, Instant at) throws SQLException;

    /** An entry's message as archived. */
    static String message(EventJournal.Entry e) {
        String m = e.message();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) : m;
    }
}
