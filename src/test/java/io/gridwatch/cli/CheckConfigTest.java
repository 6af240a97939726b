package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigTest {
    @TempDir
    Path dir;

    @Test
    void aGoodFileIsSummarised() throws Exception {
        Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        Path f = Files.writeString(dir.resolve("g.yaml"), "ups:\n  u: { driver: dummy, file: u.dev }\n");
        Programs.Result r = CliAgainstRealUpsdTest.ours("check-config", f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo(f + ": OK (1 UPS, 0 NUT users, NUT on 127.0.0.1:3493, [::1]:3493)\n");
    }

    @Test
    void aBadFileListsEveryProblemAndExitsWith2() throws Exception {
        Path f = Files.writeString(dir.resolve("g.yaml"), "nut:\n  maxconn: 0\nups:\n  u: { driver: dummy }\n");
        Programs.Result r = CliAgainstRealUpsdTest.ours("check-config", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo(f + ":2: nut.maxconn: must be a whole number from 1 to 1000000 (got '0')\n"
                + f + ":4: ups.u.file: missing: this key is required\n" + f + ": 2 problems; nothing was started\n");
    }

    @Test
    void theServerRefusesToStartOnABadConfig() throws Exception {
        Path f = Files.writeString(dir.resolve("g.yaml"), "nut:\n  listen: [\"127.0.0.1:0\"]\n  maxconn: many\n"
                + "ups:\n  u: { driver: dummy, file: none.dev }\n");
        Programs.Result r = CliAgainstRealUpsdTest.ours("server", "--config", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("nut.maxconn", "ups.u.file", "2 problems; nothing was started");
    }

    @Test
    void version() {
        Programs.Result r = CliAgainstRealUpsdTest.ours("--version");
        assertThat(r.stdout()).startsWith("Gridwatch ").contains("NUT network protocol 1.3");
    }
}
