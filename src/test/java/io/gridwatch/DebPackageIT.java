package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code ./mvnw package} builds, checked with Debian's own tools. Installing it for real would
 * change this machine (a system user, units, /etc), which no test may do, so it is unpacked into a throwaway
 * folder instead: control fields and conffiles as dpkg reads them, every file where the Debian layout puts it,
 * the maintainer scripts valid for /bin/sh, the units accepted by systemd-analyze, and the installed launcher
 * answering {@code --version} and accepting the shipped configuration.
 */
class DebPackageIT {
    static final Path DEB = Path.of("target/gridwatch_" + System.getProperty("gridwatch.version") + "_all.deb");

    @TempDir
    static Path root;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(DEB).as("built by ./mvnw package").exists();
        assertThat(run("dpkg-deb", "-x", DEB.toString(), root.toString()).exitCode()).isZero();
        assertThat(run("dpkg-deb", "-e", DEB.toString(), root.resolve("DEBIAN").toString()).exitCode()).isZero();
    }

    private static Programs.Result run(String... cmd) throws Exception {
        return Programs.run(List.of(cmd));
    }

    private static String field(String name) throws Exception {
        Programs.Result r = run("dpkg-deb", "-f", DEB.toString(), name);
        assertThat(r.exitCode()).isZero();
        return r.stdout().strip();
    }

    @Test
    void controlFieldsAsDpkgReadsThem() throws Exception {
        assertThat(field("Package")).isEqualTo("gridwatch");
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(field("Version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(field("Depends")).startsWith("adduser, openjdk-21-jre-headless | java21-runtime-headless");
        assertThat(Files.readString(root.resolve("DEBIAN/conffiles")).strip()).isEqualTo("/etc/gridwatch/gridwatch.yaml");
    }

    @Test
    void filesWhereDebianPutsThem() throws Exception {
        String listing = run("dpkg-deb", "-c", DEB.toString()).stdout();
        assertThat(listing).contains("./usr/share/gridwatch/gridwatch.jar", "./lib/systemd/system/gridwatch.service",
                "./lib/systemd/system/gridwatch-agent.service", "./usr/share/doc/gridwatch/configuration.md",
                "./var/lib/gridwatch/");
        assertThat(listing).containsPattern("-rwxr-xr-x root/root +\\d+ \\S+ \\S+ \\./usr/share/gridwatch/gridwatch\\n");
        assertThat(listing).contains("./usr/bin/gridwatch -> ../share/gridwatch/gridwatch");
        assertThat(listing).as("the config holds passwords: not world-readable")
                .containsPattern("-rw-r----- root/root +\\d+ \\S+ \\S+ \\./etc/gridwatch/gridwatch.yaml");
        assertThat(Files.size(root.resolve("usr/share/gridwatch/gridwatch.jar"))).as("the shaded jar")
                .isGreaterThan(10_000_000L);
    }

    @Test
    void maintainerScriptsAreValidAndCreateTheUserAndData() throws Exception {
        for (String s : List.of("postinst", "prerm", "postrm")) {
            Path script = root.resolve("DEBIAN/" + s);
            assertThat(Files.isExecutable(script)).as(s).isTrue();
            Programs.Result r = run("sh", "-n", script.toString());
            assertThat(r.exitCode()).as(s + ": " + r.stderr()).isZero();
        }
        String postinst = Files.readString(root.resolve("DEBIAN/postinst"));
        assertThat(postinst).contains("adduser --system --group --home /var/lib/gridwatch",
                "chown gridwatch:gridwatch /var/lib/gridwatch", "chmod 0660 /etc/gridwatch/gridwatch.yaml",
                "systemctl enable gridwatch.service");
        assertThat(Files.readString(root.resolve("DEBIAN/postrm"))).contains("\"purge\"", "rm -rf /var/lib/gridwatch");
    }

    @Test
    void theUnitsRunUnprivilegedWithTwoCapabilitiesAndSystemdAcceptsThem() throws Exception {
        String server = Files.readString(root.resolve("lib/systemd/system/gridwatch.service"));
        assertThat(server).contains("User=gridwatch", "AmbientCapabilities=CAP_NET_RAW CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_BIND_SERVICE", "NoNewPrivileges=true",
                "ExecStart=/usr/bin/gridwatch server --config /etc/gridwatch/gridwatch.yaml");
        assertThat(server).doesNotContain("StandardOutput=file");
        Path launcher = root.resolve("usr/share/gridwatch/gridwatch");
        for (String unit : List.of("gridwatch.service", "gridwatch-agent.service")) {
            // systemd-analyze checks that ExecStart exists: point it at the unpacked launcher
            Path copy = root.resolve(unit);
            Files.writeString(copy, Files.readString(root.resolve("lib/systemd/system/" + unit))
                    .replace("/usr/bin/gridwatch", launcher.toString()));
            Programs.Result r = run("systemd-analyze", "verify", copy.toString());
            assertThat(r.exitCode()).as(unit + ": " + r.stderr()).isZero();
            assertThat(r.stderr()).as(unit).doesNotContain("Unknown key", "Unknown section", "ignoring");
        }
    }

    @Test
    void theInstalledLauncherRunsAndTheShippedConfigIsValid() throws Exception {
        Map<String, String> env = Map.of("GRIDWATCH_JAVA_HOME", System.getProperty("java.home"));
        Programs.Result v = Programs.run(List.of(root.resolve("usr/bin/gridwatch").toString(), "--version"), env, 120);
        assertThat(v.exitCode()).as(v.stderr()).isZero();
        assertThat(v.stdout()).startsWith("Gridwatch " + field("Version"));
        Programs.Result c = Programs.run(List.of(root.resolve("usr/bin/gridwatch").toString(), "check-config",
                root.resolve("etc/gridwatch/gridwatch.yaml").toString()), env, 120);
        assertThat(c.exitCode()).as(c.stdout() + c.stderr()).isZero();
        assertThat(c.stdout()).contains("OK (1 UPS");
    }
}
