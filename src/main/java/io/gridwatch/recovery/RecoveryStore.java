package io.gridwatch.recovery;

import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wake-ups in progress, one {@link WakePlan} per UPS, in {@code recovery-state.json} under the data folder:
 * written atomically on every step (a packet sent, a host awake or given up, a group done), so that a restart or a
 * settings change carries on exactly where it stopped. Also holds, in memory only, which hosts have a check under
 * way, so that two planners (the old and the new one during a settings change) never check one host at once. A
 * file that cannot be read is set aside, not fatal. Thread-safe; callers may lock it to read-modify-write.
 */
public final class RecoveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The file's content. */
    record Document(int version, Map<String, WakePlan> plans) {
    }

    private final Path file;
    private final Map<String, WakePlan> plans;
    private final Set<String> checking = new HashSet<>();

    private RecoveryStore(Path file, Map<String, WakePlan> plans) {
        this.file = file;
        this.plans = plans;
    }

    public static RecoveryStore open(Path file) {
        Map<String, WakePlan> plans = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                Document d = JSON.readValue(file.toFile(), Document.class);
                if (d.plans() != null) {
                    plans.putAll(d.plans());
                }
            } catch (RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                LOG.warn("{} cannot be read ({}); set aside as {}, no wake-up is resumed", file, e.getMessage(), aside);
                try {
                    Files.move(file, aside);
                } catch (IOException io) {
                    LOG.warn("could not set {} aside: {}", file, io.getMessage());
                }
            }
        }
        return new RecoveryStore(file, plans);
    }

    public synchronized Optional<WakePlan> plan(String ups) {
        return Optional.ofNullable(plans.get(ups));
    }

    public synchronized Map<String, WakePlan> plans() {
        return Map.copyOf(plans);
    }

    /** Records (or with null, removes) the plan of a UPS's hosts, and writes the file. */
    public synchronized void plan(String ups, WakePlan plan) {
        if (plan == null) {
            if (plans.remove(ups) == null) {
                return;
            }
        } else {
            plans.put(ups, plan);
        }
        save();
    }

    /** Claims a host for one check; false when a check of it is already under way. */
    synchronized boolean claim(String ups, String host) {
        return checking.add(ups + "/" + host);
    }

    synchronized void release(String ups, String host) {
        checking.remove(ups + "/" + host);
    }

    private void save() {
        try {
            AtomicFile.write(file, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Document(1, new LinkedHashMap<>(plans))), true);
        } catch (IOException | RuntimeException e) {
            // the previous file stays intact; memory is right and is written with the next step
            LOG.error("could not save the wake-up state to {}: {}", file, e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
