package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Programs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it: {@code ./gridwatch server} with no config starts the demo
 * site on loopback and prints the NUT and HTTP addresses and the generated credentials, which work with the
 * real NUT tools. Runs after packaging (failsafe), through the launcher script.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of("gridwatch").toAbsolutePath();

    @Test
    void versionThroughTheLauncher() throws Exception {
        Programs.Result r = Programs.run(List.of(LAUNCHER.toString(), "--version"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("Gridwatch ");
    }

    @Test
    void saysWhatIsMissingWithoutAJava21() throws Exception {
        Programs.Result r = Programs.run(List.of("env", "-u", "JAVA_HOME", "-u", "GRIDWATCH_JAVA_HOME",
                "PATH=/usr/bin:/bin", "GRIDWATCH_JDK_DIRS=/nonexistent", LAUNCHER.toString(), "--version"), Map.of(), 60);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("no Java 21+", "GRIDWATCH_JAVA_HOME");
    }

    @Test
    void demoSiteStartsPrintsCredentialsAndServesRealNutClients(@TempDir Path dir) throws Exception {
        Process p = start(dir);
        try {
            List<String> banner = readBanner(p);
            String text = String.join("\n", banner);
            assertThat(text).contains("demo site", "Dashboard:", "Generated credentials");
            String dashboard = find(text, "Dashboard:\\s+(http://127\\.0\\.0\\.1:\\d+/)");
            String webPassword = find(text, "Dashboard login \\(shown once, kept only as a hash\\): admin / (\\S+)");
            java.net.http.HttpResponse<String> login = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(dashboard + "api/v1/login"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"admin\",\"password\":\"" + webPassword + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("gridwatch-data/auth.json"))).doesNotContain(webPassword);
            String port = find(text, "NUT server:\\s+127\\.0\\.0\\.1:(\\d+)");
            String admin = find(text, "NUT admin:\\s+admin / (\\S+)");
            find(text, "NUT upsmon:\\s+monuser / (\\S+)");
            Path credentials = dir.resolve("gridwatch-data/credentials.properties");
            assertThat(Files.readString(credentials)).contains(admin);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");

            String ups = "demo@127.0.0.1:" + port;
            assertThat(Programs.run(List.of("upsc", ups, "ups.status")).stdout()).isEqualTo("OL CHRG\n");
            Programs.Result cmd = Programs.run(List.of("upscmd", "-u", "admin", "-p", admin, ups, "beeper.disable"));
            assertThat(cmd.stderrClean()).isEqualTo("OK\n");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Programs.run(List.of("upsc", ups, "ups.beeper.status")).stdout().equals("disabled\n"));

            Path dev = dir.resolve("gridwatch-data/demo/demo.dev");
            Files.writeString(dev, Files.readString(dev).replace("ups.status: OL CHRG", "ups.status: OB DISCHRG"));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Programs.run(List.of("upsc", ups, "ups.status")).stdout().equals("OB DISCHRG\n"));

            demoGridOutageAndDrill(dir, "grid@127.0.0.1:" + port, admin);
        } finally {
            stop(p);
        }
        Process again = start(dir);
        try {
            String text = String.join("\n", readBanner(again));
            assertThat(text).contains("Credentials: in").doesNotContain("Generated credentials")
                    .doesNotContain("Dashboard login");
        } finally {
            stop(again);
        }
    }

    /** The demo's sentinel UPS: the README's "see an outage" commands, through the launcher and real upsc. */
    static void demoGridOutageAndDrill(Path dir, String grid, String admin) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Programs.run(List.of("upsc", grid, "ups.status")).stdout().startsWith("OL"));
        Programs.Result off = Programs.run(List.of(LAUNCHER.toString(), "demo", "grid", "off"), dir);
        assertThat(off.exitCode()).as(off.stderr()).isZero();
        assertThat(off.stdout()).startsWith("The demo's sentinels are dark");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Programs.run(List.of("upsc", grid, "ups.status")).stdout().equals("OB DISCHRG\n"));
        assertThat(Programs.run(List.of("upsc", grid, "ups.simulation")).stdout()).isEqualTo("false\n");

        Programs.Result on = Programs.run(List.of(LAUNCHER.toString(), "demo", "grid", "on"), dir);
        assertThat(on.exitCode()).as(on.stderr()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Programs.run(List.of("upsc", grid, "ups.status")).stdout().startsWith("OL"));

        Programs.Result drill = Programs.run(List.of(LAUNCHER.toString(), "drill", "start", grid, "-u", "admin",
                "-p", admin), dir);
        assertThat(drill.stdout()).as(drill.stderr()).isEqualTo("Drill started on grid\n");
        assertThat(Programs.run(List.of("upsc", grid, "ups.status")).stdout()).isEqualTo("OB DISCHRG\n");
        assertThat(Programs.run(List.of("upsc", grid, "ups.simulation")).stdout()).isEqualTo("true\n");
        Programs.Result stop = Programs.run(List.of(LAUNCHER.toString(), "drill", "stop", grid, "-u", "admin",
                "-p", admin), dir);
        assertThat(stop.stdout()).as(stop.stderr()).isEqualTo("Drill stopped on grid\n");
    }

    static Process start(Path dir) throws Exception {
        return new ProcessBuilder(LAUNCHER.toString(), "server").directory(dir.toFile())
                .redirectError(dir.resolve("server-" + System.nanoTime() + ".log").toFile()).start();
    }

    static List<String> readBanner(Process p) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String line;
        while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
            lines.add(line);
            if (line.startsWith("Press Ctrl+C")) {
                return lines;
            }
        }
        throw new AssertionError("no banner; got " + lines);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    static void stop(Process p) throws Exception {
        p.destroy();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
}
