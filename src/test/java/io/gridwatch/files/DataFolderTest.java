package io.gridwatch.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is made private, and what a crash left half-written is cleared; atomic writes leave no temporary file. */
class DataFolderTest {
    @Test
    void aFolderOthersCouldReadIsTightenedAndStrayTemporaryFilesGo(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = Files.writeString(data.resolve("power-state.json"), "{}");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(data.resolve("power-state.json.tmp-1a2b3c"), "{\"half\":");
        Files.writeString(data.resolve("auth.json.tmp"), "{");
        DataFolder.prepare(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("power-state.json");
        }
        DataFolder.prepare(dir.resolve("new/data"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new/data"))))
                .isEqualTo("rwx------");
    }

    @Test
    void atomicWritesLeaveOnlyTheFileBehindAndOwnerOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("state.json");
        for (int i = 0; i < 20; i++) {
            AtomicFile.write(f, ("{\"n\":" + i + "}").getBytes(), true);
        }
        assertThat(Files.readString(f)).isEqualTo("{\"n\":19}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }
}
