package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Programs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch doctor}: a port another program holds, a bad configuration and an unwritable data folder are
 * each named with what to fix and make it exit 1; a machine with everything in place is "ready". Only loopback
 * ports are bound, and nothing is sent.
 */
class DoctorTest {
    @TempDir
    Path dir;

    private Path config(int nut, int http, String dataDir) throws Exception {
        Files.writeString(dir.resolve("u.dev"), "ups.status: OL\n");
        return Files.writeString(dir.resolve("g.yaml"), """
                data_dir: %s
                nut: { listen: ["127.0.0.1:%d"] }
                http: { listen: "127.0.0.1:%d" }
                ups:
                  u: { driver: dummy, file: u.dev }
                """.formatted(dataDir, nut, http));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aTakenPortIsNamedWithWhoToAskAndFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path f = config(taken.getLocalPort(), freePort(), dir.resolve("data").toString());
            Programs.Result r = CliAgainstRealUpsdTest.ours("doctor", "--config", f.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).contains("OK   config    " + f + ": valid (1 UPS)")
                    .contains("FAIL port      NUT port 127.0.0.1:" + taken.getLocalPort() + " is taken")
                    .contains("fix: see who holds it: ss -ltnp 'sport = :" + taken.getLocalPort() + "'")
                    .containsPattern("OK   port      HTTP can listen on 127.0.0.1:\\d+")
                    .contains("OK   data      " + dir.resolve("data") + " is writable by ")
                    .contains("OK   broadcast UDP broadcast allowed (Wake-on-LAN)")
                    .containsPattern("(OK|WARN) +clock ")
                    .containsPattern("(OK|WARN) +icmp ")
                    .endsWith("not ready: 1 failed, " + warnings(r.stdout()) + " warning(s)\n");
        }
    }

    @Test
    void everythingInPlaceIsReady() throws Exception {
        Path f = config(freePort(), freePort(), dir.resolve("data").toString());
        Programs.Result r = CliAgainstRealUpsdTest.ours("doctor", "--config", f.toString());
        assertThat(r.stdout()).doesNotContain("FAIL");
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("ready: 0 failed");
    }

    @Test
    void aBadConfigAndAnUnwritableDataFolderAreNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "nut:\n  maxconn: 0\nups:\n  u: { driver: dummy }\n");
        Programs.Result bad = CliAgainstRealUpsdTest.ours("doctor", "--config", f.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stdout()).contains("FAIL config    " + f + ":2: nut.maxconn: must be a whole number")
                .contains("fix: fix the file, then check it again with: gridwatch check-config " + f);

        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where the data folder should be");
        Path g = config(freePort(), freePort(), blocker.resolve("data").toString());
        Programs.Result r = CliAgainstRealUpsdTest.ours("doctor", "--config", g.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("FAIL data      " + blocker.resolve("data") + " cannot be made or listed: ")
                .contains("fix: make it the service user's: chown -R ");
    }

    @Test
    void asRootAccessIsJudgedAsTheServiceUserFileByFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(dir.resolve("svc-data"));
        Files.writeString(data.resolve("auth.json"), "{}");
        Files.writeString(data.resolve("clients.json"), "[]");
        Programs.run(java.util.List.of("chown", "-R", "nobody:nogroup", data.toString()));
        // what `sudo gridwatch passwd` used to leave: one file root's, mode 600
        Programs.run(java.util.List.of("chown", "root:root", data.resolve("auth.json").toString()));
        Programs.run(java.util.List.of("chmod", "600", data.resolve("auth.json").toString()));
        Doctor.Finding f = Doctor.dataDir(data, "nobody");
        assertThat(f.outcome()).isEqualTo(Doctor.Outcome.FAIL);
        assertThat(f.detail()).isEqualTo("the service user nobody cannot read and write in " + data + ": auth.json");
        assertThat(f.fix()).isEqualTo("make them the service user's: chown -R nobody: " + data);
        Programs.run(java.util.List.of("chown", "nobody:nogroup", data.resolve("auth.json").toString()));
        assertThat(Doctor.dataDir(data, "nobody").detail()).isEqualTo(data + " is writable by the service user nobody (2 files)");
    }

    @Test
    void ipv6AddressesAreBracketed() throws Exception {
        int port = freePort();
        assertThat(Doctor.port("NUT", new java.net.InetSocketAddress("::1", port)).detail())
                .isEqualTo("NUT can listen on [::1]:" + port);
    }

    private static long warnings(String out) {
        return out.lines().filter(l -> l.startsWith("WARN")).count();
    }
}
