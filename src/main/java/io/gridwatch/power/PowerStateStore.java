package io.gridwatch.power;

import io.gridwatch.files.AtomicFile;
import io.gridwatch.hub.DrillInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Power state that must survive a restart, in one JSON file under the data folder: per UPS the grid state and
 * since when, the virtual battery's charge, the drill in progress, the FSD latch; the schedules' last check and fired
 * one-time entries. Every change is written atomically (temporary file, fsync, rename), so a
 * crash leaves either the old file or the new one. A file that cannot be read is set aside, not fatal.
 * Thread-safe.
 */
public final class PowerStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(PowerStateStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One UPS's persisted power state; {@code fsd}: the FSD latch was set (upsd forgets it on a restart; we don't). */
    public record UpsState(Boolean gridPresent, Instant gridSince, Double charge, Instant chargeAt, DrillInfo drill,
                           Boolean fsd) {
        static final UpsState EMPTY = new UpsState(null, null, null, null, null, null);

        public UpsState withDrill(DrillInfo d) {
            return new UpsState(gridPresent, gridSince, charge, chargeAt, d, fsd);
        }

        public UpsState withFsd(boolean latched) {
            return new UpsState(gridPresent, gridSince, charge, chargeAt, drill, latched ? Boolean.TRUE : null);
        }
    }

    /** A wake-up pending after power came back, as earlier versions kept it here. */
    public record WakeState(Instant powerBack, Instant wakeAt, Set<String> done) {
    }

    /** The whole file. */
    public record Document(int version, Instant lastScheduleCheck, Set<String> firedOnce, Map<String, UpsState> ups,
                           Map<String, WakeState> wake) {
    }

    private final Path file;
    private Document doc;

    private PowerStateStore(Path file, Document doc) {
        this.file = file;
        this.doc = doc;
    }

    public static PowerStateStore open(Path file) {
        Document doc = new Document(1, null, Set.of(), Map.of(), Map.of());
        if (Files.exists(file)) {
            try {
                doc = JSON.readValue(file.toFile(), Document.class);
            } catch (RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                LOG.warn("{} cannot be read ({}); set aside as {}, starting with a clean state", file, e.getMessage(), aside);
                try {
                    Files.move(file, aside);
                } catch (IOException io) {
                    LOG.warn("could not set {} aside: {}", file, io.getMessage());
                }
            }
        }
        return new PowerStateStore(file, normalize(doc));
    }

    private static Document normalize(Document d) {
        return new Document(1, d.lastScheduleCheck(), d.firedOnce() == null ? Set.of() : d.firedOnce(),
                d.ups() == null ? Map.of() : d.ups(), d.wake() == null ? Map.of() : d.wake());
    }

    public synchronized UpsState ups(String name) {
        return doc.ups().getOrDefault(name, UpsState.EMPTY);
    }

    public synchronized void ups(String name, UpsState state) {
        Map<String, UpsState> m = new LinkedHashMap<>(doc.ups());
        m.put(name, state);
        doc = new Document(1, doc.lastScheduleCheck(), doc.firedOnce(), m, doc.wake());
        save();
    }

    /** Changes one UPS's state atomically (read, change, write under one lock). */
    public synchronized void update(String name, java.util.function.UnaryOperator<UpsState> change) {
        ups(name, change.apply(ups(name)));
    }

    public synchronized Optional<Instant> lastScheduleCheck() {
        return Optional.ofNullable(doc.lastScheduleCheck());
    }

    public synchronized Set<String> firedOnce() {
        return doc.firedOnce();
    }

    public synchronized void schedulesChecked(Instant at, Set<String> newlyFiredOnce) {
        Set<String> fired = new LinkedHashSet<>(doc.firedOnce());
        fired.addAll(newlyFiredOnce);
        doc = new Document(1, at, fired, doc.ups(), doc.wake());
        save();
    }

    /**
     * Takes the wake-ups pending in a file written by an earlier version (they now have a store of their own) and
     * removes them from this one.
     */
    public synchronized Map<String, WakeState> takeLegacyWakes() {
        Map<String, WakeState> legacy = doc.wake();
        if (!legacy.isEmpty()) {
            doc = new Document(1, doc.lastScheduleCheck(), doc.firedOnce(), doc.ups(), Map.of());
            save();
        }
        return legacy;
    }

    private void save() {
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), true);
        } catch (IOException | RuntimeException e) {
            // the previous file stays intact; the in-memory state is still right and is written next time
            LOG.error("could not save the power state to {}: {}", file, e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
