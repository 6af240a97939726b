package io.gridwatch.notify;

import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the notifications last said about each UPS, in {@code notify-state.json} under the data folder: its status
 * as last announced, since when it has been on battery, and whether contact was lost. After a restart the first
 * status a UPS reports is compared with this instead of with nothing, so a restart in the middle of an outage does
 * not announce "power lost" a second time, and finding contact at start-up is not "contact is back". Thread-safe.
 */
final class NotifyMemory {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyMemory.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One UPS as last announced. */
    record Ups(String status, Instant outageSince, boolean commLost, boolean drillOutage) {
    }

    private final Path file;
    private final Map<String, Ups> ups = new LinkedHashMap<>();

    private NotifyMemory(Path file) {
        this.file = file;
    }

    /** A memory kept in {@code file}; null keeps it in memory only. */
    static NotifyMemory open(Path file) {
        NotifyMemory m = new NotifyMemory(file);
        if (file != null && Files.exists(file)) {
            try {
                Map<?, ?> raw = JSON.readValue(file.toFile(), Map.class);
                for (Object k : raw.keySet()) {
                    m.ups.put(String.valueOf(k), JSON.convertValue(raw.get(k), Ups.class));
                }
            } catch (RuntimeException e) {
                LOG.warn("{} cannot be read ({}); notifications start without memory of the last run", file,
                        e.getMessage());
            }
        }
        return m;
    }

    synchronized Ups get(String name) {
        return ups.get(name);
    }

    synchronized void put(String name, Ups state) {
        if (state.equals(ups.get(name))) {
            return;
        }
        ups.put(name, state);
        if (file == null) {
            return;
        }
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(ups), true);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not save {}: {}", file, e.getMessage());
        }
    }
}
