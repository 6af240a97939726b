package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.Role;
import io.gridwatch.files.FileErrors;
import io.gridwatch.testing.Programs;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovering a lost password the way the banner says ({@code sudo gridwatch passwd admin --data-dir
 * /var/lib/gridwatch}) must leave a file the service user can still read, and a typo must not create a user.
 */
class PasswdCommandTest {
    static Path site(Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        AuthStore.open(data.resolve("auth.json"), 1000, Clock.systemUTC());
        return data;
    }

    @Test
    void asRootTheFileKeepsTheServiceUsersOwnershipAndMode(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give the file to another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // as /var/lib is
        Path data = site(dir);
        Path auth = data.resolve("auth.json");
        Programs.run(List.of("chown", "-R", "nobody:nogroup", data.toString()));
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-------"));
        CliRunner.Run r = CliRunner.run("passwd", "admin", "--data-dir", data.toString(), "--password", "a new password 1");
        assertThat(r.code()).as(r.err()).isZero();
        PosixFileAttributes a = Files.readAttributes(auth, PosixFileAttributes.class);
        assertThat(a.owner().getName()).isEqualTo("nobody");
        assertThat(a.group().getName()).isEqualTo("nogroup");
        assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-------");
        Programs.Result read = Programs.run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "cat", auth.toString()));
        assertThat(read.exitCode()).as("the service user still reads it: " + read.stderr()).isZero();
        assertThat(AuthStore.open(auth, 1000, Clock.systemUTC()).store().verify("admin", "a new password 1")).isPresent();
    }

    @Test
    void aTypoIsRefusedNamingTheUsersAndChangesNothing(@TempDir Path dir) throws Exception {
        Path data = site(dir);
        byte[] before = Files.readAllBytes(data.resolve("auth.json"));
        CliRunner.Run r = CliRunner.run("passwd", "amdin", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("Error: there is no dashboard user 'amdin' in " + data.resolve("auth.json")
                + " (users: admin); add --create to make one\n");
        assertThat(Files.readAllBytes(data.resolve("auth.json"))).isEqualTo(before);

        CliRunner.Run made = CliRunner.run("passwd", "viewer1", "--create", "--role", "viewer", "--data-dir",
                data.toString(), "--password", "viewer password");
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(AuthStore.open(data.resolve("auth.json"), 1000, Clock.systemUTC()).store().user("viewer1"))
                .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.VIEWER));
        assertThat(CliRunner.run("passwd", "x", "--create", "--role", "boss", "--data-dir", data.toString()).err())
                .isEqualTo("Error: --role must be admin or viewer (got 'boss')\n");
    }

    @Test
    void aRefusedFileIsExplainedWithItsOwnerModeAndWhoAsked(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("auth.json"), "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        String me = System.getProperty("user.name");
        String owner = Files.getOwner(f).getName();
        String group = Files.readAttributes(f, PosixFileAttributes.class).group().getName();
        assertThat(FileErrors.describe(new AccessDeniedException(f.toString()))).isEqualTo(f + ": permission denied "
                + "(owner " + owner + ":" + group + ", mode rw-------; this process runs as " + me + ")");
        assertThat(FileErrors.describe(new java.nio.file.NoSuchFileException(dir.resolve("nope").toString())))
                .isEqualTo(dir.resolve("nope") + ": no such file or folder");
    }
}
