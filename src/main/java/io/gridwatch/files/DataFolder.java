package io.gridwatch.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's data folder, made private before anything is written into it: the folder {@code 0700}, the files
 * in it {@code 0600} (state, credentials, the history database, the outbox), and temporary files a crash left
 * behind removed. A folder or file that others could read is tightened, with a line in the log. Stateless.
 */
public final class DataFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {
    }

    public static void prepare(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        tighten(dir, DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".tmp") || name.contains(".tmp-"))) {
                    Files.deleteIfExists(f);
                    LOG.info("removed {}, left behind by an earlier run that stopped while writing it", f);
                } else if (Files.isRegularFile(f)) {
                    tighten(f, FILE);
                }
            }
        }
    }

    /** Gives {@code p} at most {@code allowed}; logs when it had more. */
    private static void tighten(Path p, Set<PosixFilePermission> allowed) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(p);
            Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
            extra.addAll(now);
            extra.removeAll(allowed);
            if (!extra.isEmpty()) {
                Set<PosixFilePermission> next = EnumSet.noneOf(PosixFilePermission.class);
                next.addAll(now);
                next.retainAll(allowed);
                Files.setPosixFilePermissions(p, next);
                LOG.info("{} was {}; now {} (the data folder is the service user's alone)", p,
                        PosixFilePermissions.toString(now), PosixFilePermissions.toString(next));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: nothing more to do
        }
    }
}
