package io.gridwatch.files;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that a crash or a full disk leaves either the old content or the new, never a mix: the
 * bytes go to a temporary file beside it ({@code NAME.tmp-*}; one a crash leaves is removed by
 * {@link DataFolder#prepare} at the next start), are forced to disk, and the temporary file is renamed over the
 * old one.
 * Files holding secrets are made readable by their owner only before anything is written to them. Stateless.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    public static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a name of its own per write: two writers of one file never share a temporary file
        Path tmp = parent.resolve(file.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime())
                + Long.toHexString(Thread.currentThread().threadId()));
        Files.createFile(tmp);
        if (ownerOnly) {
            restrict(tmp);
        }
        // a stream, not a FileChannel: a channel is closed by an interrupt of the writing thread (a probe thread
        // stopped at shutdown), which would lose a state change that was already decided
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(bytes);
            out.getFD().sync();
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(parent);
    }

    /** Makes the rename itself durable (the directory entry), where the platform allows it. */
    private static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here (or interrupted after the rename): the file itself is complete either way
        }
    }

    /** Makes a file readable by its owner only, where the file system supports it. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
