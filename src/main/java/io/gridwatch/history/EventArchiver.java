package io.gridwatch.history;

import io.gridwatch.journal.EventJournal;
import io.gridwatch.time.Scheduler;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every event of the journal in the history database, exactly once: entries are queued as the journal
 * records them and written every second on the scheduler's thread, each with its unique key, so a batch written
 * again after a failure whose outcome was unknown (a full disk, a broken connection) stores nothing twice. Audit
 * entries (FSD set or released, a command accepted) are also appended to a write-ahead file and forced to disk
 * before the journal call returns, so they are on record before the client is told "OK". Whatever is still queued
 * when the server stops goes to that file too, and is written at the next start. A failing database keeps entries
 * queued (bounded, the oldest dropped with a warning) and logs once per kind of failure.
 */
public final class EventArchiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventArchiver.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_QUEUED = 10_000;
    /** Journal types written ahead before they are acknowledged to anyone. */
    static final Set<String> AUDIT = Set.of("fsd", "fsd-released", "command-requested");

    private final EventArchive archive;
    private final Path wal;
    private final ArrayDeque<EventJournal.Entry> queue = new ArrayDeque<>();
    private final Scheduler.Cancellable task;
    private String lastFailure;
    private boolean failing;
    private long dropped;

    /** @param wal the write-ahead file (in the data folder) */
    public EventArchiver(EventArchive archive, EventJournal journal, Scheduler scheduler, Path wal) {
        this.archive = archive;
        this.wal = wal;
        synchronized (this) {
            queue.addAll(readAhead()); // what an earlier run had not written yet
            queue.addAll(journal.all()); // what happened while history was opening
        }
        journal.onRecord(this::enqueue);
        task = scheduler.repeat(Duration.ofSeconds(1), Duration.ofSeconds(1), this::flush);
    }

    private synchronized void enqueue(EventJournal.Entry e) {
        queue.addLast(e);
        while (queue.size() > MAX_QUEUED) {
            queue.removeFirst();
            dropped++;
            if (dropped == 1 || dropped % 1000 == 0) {
                LOG.warn("event archive: {} events dropped unwritten (the database has been failing; the newest {} are "
                        + "kept)", dropped, MAX_QUEUED);
            }
        }
        if (AUDIT.contains(e.type())) {
            append(List.of(e));
        }
    }

    /** Writes what is queued (also called by tests to skip the wait). */
    public void flush() {
        List<EventJournal.Entry> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queue);
        }
        try {
            archive.append(batch);
            synchronized (this) {
                for (int i = 0; i < batch.size() && !queue.isEmpty(); i++) {
                    queue.removeFirst();
                }
                rewriteAhead(queue.stream().filter(x -> AUDIT.contains(x.type())).toList());
            }
            if (failing) {
                LOG.info("event archive: writing again ({} events caught up)", batch.size());
            }
            failing = false;
            lastFailure = null;
        } catch (SQLException | RuntimeException e) {
            failing = true;
            if (!java.util.Objects.equals(e.getMessage(), lastFailure)) {
                LOG.warn("event archive: cannot write: {} (events stay queued and in the journal)", e.getMessage());
                lastFailure = e.getMessage();
            }
        }
    }

    /** Whether the last write failed (for readiness). */
    public boolean failing() {
        return failing;
    }

    /** How many events wait to be written. */
    public synchronized int queued() {
        return queue.size();
    }

    private void append(List<EventJournal.Entry> entries) {
        try (FileOutputStream out = new FileOutputStream(wal.toFile(), true)) {
            for (EventJournal.Entry e : entries) {
                out.write(JSON.writeValueAsBytes(e));
                out.write('\n');
            }
            out.getFD().sync();
        } catch (IOException | RuntimeException ex) {
            LOG.error("event archive: cannot write ahead to {}: {}", wal, ex.getMessage());
        }
    }

    private void rewriteAhead(List<EventJournal.Entry> keep) {
        try {
            if (keep.isEmpty()) {
                Files.deleteIfExists(wal);
            } else {
                StringBuilder sb = new StringBuilder();
                for (EventJournal.Entry e : keep) {
                    sb.append(JSON.writeValueAsString(e)).append('\n');
                }
                io.gridwatch.files.AtomicFile.write(wal, sb.toString().getBytes(StandardCharsets.UTF_8), true);
            }
        } catch (IOException | RuntimeException ex) {
            LOG.error("event archive: cannot update {}: {}", wal, ex.getMessage());
        }
    }

    private List<EventJournal.Entry> readAhead() {
        List<EventJournal.Entry> out = new ArrayList<>();
        if (!Files.exists(wal)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(wal, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, EventJournal.Entry.class));
                } catch (RuntimeException e) {
                    LOG.warn("event archive: skipping an unreadable line of {} (a write cut short)", wal);
                }
            }
        } catch (IOException e) {
            LOG.error("event archive: cannot read {}: {}", wal, e.getMessage());
        }
        if (!out.isEmpty()) {
            LOG.info("event archive: {} events from the last run still to write", out.size());
        }
        return out;
    }

    /** Stops the timer and writes what is left; what cannot be written is kept in the write-ahead file. */
    @Override
    public void close() {
        task.cancel();
        flush();
        synchronized (this) {
            if (!queue.isEmpty()) {
                rewriteAhead(List.copyOf(queue));
                LOG.warn("event archive: {} events not yet written are kept in {} for the next start", queue.size(), wal);
            }
        }
    }
}
