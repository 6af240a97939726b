package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Programs;
import io.gridwatch.testing.RealNut;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gridwatch upsc|upscmd|upsrw} against the real upsd 2.8.0: the same output, error text and exit code
 * as NUT's own upsc, upscmd and upsrw.
 */
class CliAgainstRealUpsdTest {
    static RealNut real;

    @BeforeAll
    static void start() throws Exception {
        real = RealNut.start(Files.createTempDirectory("gw-cli"), List.of(
                new RealNut.Device("ups", "Reference UPS", "ups.status: OL\nbattery.charge: 88\nups.firmware: 1.0\n"
                        + "input.sensitivity: normal\nups.delay.start: 30\n"),
                new RealNut.Device("other", null, "ups.status: OB\n")), """
                [admin]
                  password = adminpass
                  actions = SET
                  instcmds = ALL
                """);
    }

    @AfterAll
    static void stop() {
        real.close();
    }

    /** Our tool's result, in the same shape as an external program's. */
    static Programs.Result ours(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Programs.Result(code, out.toString(), err.toString());
    }

    static void same(String... args) throws Exception {
        List<String> nut = new ArrayList<>(List.of(args));
        Programs.Result theirs = Programs.run(nut);
        Programs.Result mine = ours(args);
        assertThat(mine.stdout()).as("stdout of %s", nut).isEqualTo(theirs.stdout());
        assertThat(mine.stderr()).as("stderr of %s", nut).isEqualTo(theirs.stderrClean());
        assertThat(mine.exitCode()).as("exit code of %s", nut).isEqualTo(theirs.exitCode());
    }

    String ups() {
        return "ups@127.0.0.1:" + real.port();
    }

    @Test
    void upscAll() throws Exception {
        same("upsc", ups());
    }

    @Test
    void upscOneVariableAndErrors() throws Exception {
        same("upsc", ups(), "battery.charge");
        same("upsc", ups(), "no.such.var");
        same("upsc", "nosuch@127.0.0.1:" + real.port());
    }

    @Test
    void upscLists() throws Exception {
        same("upsc", "-l", "127.0.0.1:" + real.port());
        same("upsc", "-L", "127.0.0.1:" + real.port());
        same("upsc", "-c", ups());
    }

    @Test
    void upscmdListAndRun() throws Exception {
        same("upscmd", "-l", ups());
        same("upscmd", "-u", "admin", "-p", "adminpass", ups(), "load.off");
        same("upscmd", "-u", "admin", "-p", "adminpass", "-w", ups(), "load.off");
        same("upscmd", "-u", "admin", "-p", "wrong", ups(), "load.off");
        same("upscmd", "-u", "admin", "-p", "adminpass", ups(), "no.such.cmd");
    }

    @Test
    void upsrwListAndSet() throws Exception {
        same("upsrw", ups());
        same("upsrw", "-s", "ups.delay.start=40", "-u", "admin", "-p", "adminpass", ups());
        same("upsrw", "-s", "ups.firmware=12345678901234567", "-u", "admin", "-p", "adminpass", ups());
        same("upsrw", "-w", "-s", "ups.delay.start=41", "-u", "admin", "-p", "adminpass", ups());
        same("upsc", ups(), "ups.delay.start");
    }

    @Test
    void unreachableServer() {
        Programs.Result r = ours("upsc", "ups@127.0.0.1:" + RealNut.freePort());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error: cannot connect to 127.0.0.1:").contains("Connection refused");
    }

    @Test
    void badUpsAddress() {
        Programs.Result r = ours("upsc", "ups@[::1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error: '[::1': missing ']' after the IPv6 address\n");
    }
}
