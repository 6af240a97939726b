package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.app.ServerApp;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.server.NutUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration the .deb installs, as its first start treats it: the dashboard on loopback only, and a NUT
 * user for upsmon whose password is generated into a file only the service reads, then printed once.
 */
class PackagedConfigTest {
    static Path packaged(Path dir) throws Exception {
        String text = Files.readString(Path.of("packaging/deb/etc/gridwatch.yaml"))
                .replace("/var/lib/gridwatch", dir.resolve("var-lib").toString());
        return Files.writeString(dir.resolve("gridwatch.yaml"), text);
    }

    @Test
    void theDashboardIsOnLoopbackAndUpsmonsUserGetsAGeneratedPasswordOnce(@TempDir Path dir) throws Exception {
        Path file = packaged(dir);
        GridwatchConfig before = ConfigLoader.load(file);
        assertThat(before.http().listen().getAddress().isLoopbackAddress()).isTrue();
        Path pwFile = dir.resolve("var-lib/nut-monuser.password");
        assertThat(before.nut().passwordsToGenerate()).containsExactly(Map.entry("monuser", pwFile));
        assertThatThrownBy(() -> ServerApp.start(before, Clock.systemUTC()))
                .hasMessageContaining("NUT user monuser has no password yet");

        Map<String, String> made = ServerRun.generatePasswords(before);
        assertThat(made).containsOnlyKeys("monuser");
        String pw = Files.readString(pwFile).strip();
        assertThat(pw).hasSize(24);
        assertThat(made.get("monuser")).startsWith(pw + "   (generated into " + pwFile + "; shown once)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pwFile))).isEqualTo("rw-------");

        GridwatchConfig after = ConfigLoader.load(file);
        assertThat(after.nut().passwordsToGenerate()).isEmpty();
        NutUser monuser = after.nut().users().get(0);
        assertThat(monuser.password()).isEqualTo(pw);
        assertThat(monuser.role()).isEqualTo(NutUser.Role.SECONDARY);
        assertThat(ServerRun.generatePasswords(after)).as("never again: the file is kept").isEmpty();
    }

    @Test
    void aPasswordFileMustHoldAPasswordAndNotBeGivenBesideOne(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "\n");
        String base = "ups:\n  u: { driver: dummy, file: u.dev }\nnut:\n  users:\n";
        Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        Path f = Files.writeString(dir.resolve("a.yaml"), base + "    mon: { password_file: pw }\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("nut.users.mon.password_file: must not be empty");
        Files.writeString(f, base + "    mon: { password_file: pw, password: x }\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("give password or password_file, not both");
        Files.writeString(f, base + "    mon: { upsmon: secondary }\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("missing: give password or password_file");
        Files.writeString(pw, "a secret from a file\nignored second line\n");
        Files.writeString(f, base + "    mon: { password_file: pw }\n");
        assertThat(ConfigLoader.load(f).nut().users().get(0).password()).isEqualTo("a secret from a file");
    }
}
