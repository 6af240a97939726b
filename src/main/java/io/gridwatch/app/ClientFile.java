package io.gridwatch.app;

import io.gridwatch.files.AtomicFile;
import io.gridwatch.clients.ClientTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the protected machines' last states in {@code clients.json} under the data folder (written atomically,
 * readable by the service user only), so that a machine counting down, shutting down or being woken is still shown
 * as such after a restart. A file that cannot be read starts the tracker empty, with a warning. Thread-safe.
 */
final class ClientFile implements ClientTracker.Store {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFile.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    ClientFile(Path file) {
        this.file = file;
    }

    @Override
    public List<ClientTracker.Saved> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(file.toFile(), ClientTracker.Saved[].class));
        } catch (RuntimeException e) {
            LOG.warn("{} cannot be read ({}); the machines' states start empty", file, e.getMessage());
            return List.of();
        }
    }

    @Override
    public synchronized void save(List<ClientTracker.Saved> all) {
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(all), true);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not save the machines' states to {}: {}", file, e.getMessage());
        }
    }
}
