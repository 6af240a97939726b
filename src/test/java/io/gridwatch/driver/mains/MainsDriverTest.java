package io.gridwatch.driver.mains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.FakeSentinel;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mains drivers inside the whole server, read over the NUT wire: sentinel hosts on loopback (HTTP services
 * the test switches off), a GPIO line in a fake sysfs tree, a script.
 */
class MainsDriverTest {
    static String yaml(String upsBody) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    admin: { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                ups:
                  grid:
                %s
                """.formatted(upsBody.indent(4).stripTrailing());
    }

    static String get(TestServer s, String var) throws Exception {
        try (Wire w = s.wire()) {
            String reply = w.ask("GET VAR grid " + var);
            return reply.startsWith("VAR ") ? reply.substring(reply.indexOf('"') + 1, reply.length() - 1) : reply;
        }
    }

    static void awaitValue(TestServer s, String var, String value) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> value.equals(get(s, var)));
    }

    /** Back on line: "OL", or "OL CHRG" while the virtual battery recharges. */
    static void awaitOnLine(TestServer s) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> get(s, "ups.status").matches("OL( CHRG)?"));
    }

    @Test
    void sentinelsGoingDarkPutTheUpsOnBatteryAndBack(@TempDir Path dir) throws Exception {
        try (FakeSentinel a = new FakeSentinel(); FakeSentinel b = new FakeSentinel(); FakeSentinel c = new FakeSentinel();
             TestServer s = TestServer.start(dir, yaml("""
                     driver: sentinel
                     interval: 200ms
                     timeout: 300ms
                     fail_rounds: 3
                     restore_after: 1s
                     sentinels:
                       router: { probe: http, url: "%s" }
                       switch: { probe: http, url: "%s" }
                       camera: { probe: http, url: "%s" }
                     battery: { runtime: 10m, runtime_low: 1m }
                     """.formatted(a.url(), b.url(), c.url())), Map.of())) {
            UpsName grid = UpsName.of("grid");
            awaitValue(s, "ups.status", "OL");
            assertThat(get(s, "ups.simulation")).isEqualTo("false");
            assertThat(get(s, "battery.runtime")).isEqualTo("600");
            a.powerOff();
            b.powerOff();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.app().hub().snapshot(grid).sensors().stream()
                    .filter(x -> !x.up()).count() == 2);
            Thread.sleep(1000);
            assertThat(get(s, "ups.status")).as("two of three dark: not an outage").isEqualTo("OL");
            c.powerOff();
            awaitValue(s, "ups.status", "OB DISCHRG");
            assertThat(s.app().hub().snapshot(grid).sensors()).extracting(SensorStatus::name, SensorStatus::up)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("router", false),
                            org.assertj.core.groups.Tuple.tuple("switch", false),
                            org.assertj.core.groups.Tuple.tuple("camera", false));
            a.powerOn();
            b.powerOn();
            c.powerOn();
            awaitOnLine(s);
        }
    }

    /** The outcome of a tracked command, once it is no longer PENDING (what NUT clients wait for). */
    static String tracked(Wire w, String id) {
        String[] last = new String[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !(last[0] = w.ask("GET TRACKING " + id)).equals("PENDING"));
        return last[0];
    }

    @Test
    void drillsByInstantCommandAreFlagged(@TempDir Path dir) throws Exception {
        try (FakeSentinel a = new FakeSentinel();
             TestServer s = TestServer.start(dir, yaml("""
                     driver: sentinel
                     interval: 200ms
                     sentinels:
                       router: { probe: http, url: "%s" }
                     battery: { low_battery: immediate }
                     """.formatted(a.url())), Map.of())) {
            awaitValue(s, "ups.status", "OL");
            try (Wire w = s.wire()) {
                w.ask("USERNAME admin");
                w.ask("PASSWORD adminpass");
                w.send("LIST CMD grid\n");
                assertThat(w.line()).isEqualTo("BEGIN LIST CMD grid");
                assertThat(w.line()).isEqualTo("CMD grid drill.start");
                assertThat(w.line()).isEqualTo("CMD grid drill.stop");
                assertThat(w.line()).isEqualTo("END LIST CMD grid");
                assertThat(w.ask("INSTCMD grid drill.start")).isEqualTo("OK");
            }
            awaitValue(s, "ups.status", "OB DISCHRG LB");
            assertThat(get(s, "ups.simulation")).isEqualTo("true");
            assertThat(s.app().hub().snapshot(UpsName.of("grid")).drill().by()).isEqualTo("admin@127.0.0.1");
            try (Wire w = s.wire()) {
                w.ask("USERNAME admin");
                w.ask("PASSWORD adminpass");
                assertThat(w.ask("SET TRACKING ON")).isEqualTo("OK");
                String id = w.ask("INSTCMD grid drill.stop").substring("OK TRACKING ".length());
                assertThat(tracked(w, id)).isEqualTo("SUCCESS");
                String again = w.ask("INSTCMD grid drill.stop").substring("OK TRACKING ".length());
                assertThat(tracked(w, again)).as("no drill to stop").isEqualTo("ERR FAILED");
            }
            awaitOnLine(s);
            assertThat(get(s, "ups.simulation")).isEqualTo("false");
        }
    }

    @Test
    void gpioLineInAFakeSysfsTree(@TempDir Path dir) throws Exception {
        Path value = Files.createDirectories(dir.resolve("sys/class/gpio/gpio4")).resolve("value");
        Files.writeString(value, "1\n");
        try (TestServer s = TestServer.start(dir, yaml("""
                driver: gpio
                value_file: sys/class/gpio/gpio4/value
                interval: 100ms
                fail_rounds: 3
                restore_after: 500ms
                """), Map.of())) {
            awaitValue(s, "ups.status", "OL");
            Files.writeString(value, "0\n");
            awaitValue(s, "ups.status", "OB DISCHRG");
            assertThat(get(s, "driver.name")).isEqualTo("gridwatch-gpio");
            Files.writeString(value, "1\n");
            awaitOnLine(s);
        }
    }

    /**
     * The character device through a stand-in for libgpiod's gpioget (no /dev/gpiochip here): one that speaks
     * the 1.x syntax and one that speaks only 2.x's, each reading the level from a file and printing it the way
     * that generation does.
     */
    @Test
    void gpioLineOnTheCharacterDeviceThroughGpiogetOfEitherGeneration(@TempDir Path dir) throws Exception {
        Path level = Files.writeString(dir.resolve("level"), "1\n");
        Path v1 = script(dir, "gpioget-v1", """
                [ "$1" = gpiochip0 ] && [ "$2" = 4 ] || { echo "gpioget: unable to find line" >&2; exit 1; }
                cat '%s'
                """.formatted(level));
        Path v2 = script(dir, "gpioget-v2", """
                [ "$1" = --numeric ] && [ "$2" = --chip ] && [ "$3" = gpiochip0 ] && [ "$4" = 4 ] \
                    || { echo "gpioget: cannot find line '$1'" >&2; exit 1; }
                cat '%s'
                """.formatted(level));
        for (Path gpioget : new Path[] {v1, v2}) {
            Files.writeString(level, "1\n");
            try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve(gpioget.getFileName() + "-run")),
                    yaml("""
                    driver: gpio
                    chip: gpiochip0
                    line: 4
                    gpioget: %s
                    interval: 100ms
                    fail_rounds: 2
                    restore_after: 300ms
                    """.formatted(gpioget)), Map.of())) {
                awaitValue(s, "ups.status", "OL");
                Files.writeString(level, "0\n");
                awaitValue(s, "ups.status", "OB DISCHRG");
                assertThat(s.app().hub().snapshot(UpsName.of("grid")).sensors().get(0).lastError())
                        .as(gpioget.getFileName().toString()).contains("line 4 of gpiochip0 is low");
                Files.writeString(level, "1\n");
                awaitOnLine(s);
            }
        }
    }

    @Test
    void gpioWithoutALineIsAConfigError(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("g.yaml"), yaml("driver: gpio\nchip: gpiochip0\n"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> io.gridwatch.config.ConfigLoader.load(f)))
                .hasMessageContaining(f + ":8: ups.grid.chip: chip and line go together: give line (e.g. 4) too");
    }

    static Path script(Path dir, String name, String body) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void commandExitCodeAndOutputPattern(@TempDir Path dir) throws Exception {
        Path state = Files.writeString(dir.resolve("mains-state"), "on\n");
        Path script = Files.writeString(dir.resolve("mains.sh"), "#!/bin/sh\ncat '" + state + "'\n"
                + "grep -q on '" + state + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        try (TestServer s = TestServer.start(dir, yaml("""
                driver: command
                command: ["%s"]
                interval: 100ms
                fail_rounds: 2
                restore_after: 300ms
                """.formatted(script)), Map.of())) {
            awaitValue(s, "ups.status", "OL");
            Files.writeString(state, "off\n");
            awaitValue(s, "ups.status", "OB DISCHRG");
        }
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("pattern")), yaml("""
                driver: command
                command: ["/bin/cat", "%s"]
                present_when: "^on$"
                interval: 100ms
                fail_rounds: 2
                restore_after: 300ms
                """.formatted(state)), Map.of())) {
            awaitValue(s, "ups.status", "OB DISCHRG");
            Files.writeString(state, "on\n");
            awaitOnLine(s);
        }
    }

    /**
     * A sentinel that accepts connections and never answers holds its own probe for the whole timeout; the other
     * sentinel keeps being probed every interval, and its going dark is an outage (quorum 1) long before the
     * hung probe's first timeout would have let a serial prober get to it.
     */
    @Test
    void aHungSentinelNeverDelaysTheOthers(@TempDir Path dir) throws Exception {
        java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             FakeSentinel good = new FakeSentinel()) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            try (TestServer s = TestServer.start(dir, yaml("""
                    driver: sentinel
                    quorum: 1
                    fail_rounds: 2
                    sentinels:
                      hung: { probe: http, url: "http://127.0.0.1:%d/", timeout: 20s, interval: 100ms }
                      good: { probe: http, url: "%s", timeout: 500ms, interval: 100ms }
                    """.formatted(hung.getLocalPort(), good.url())), Map.of())) {
                UpsName grid = UpsName.of("grid");
                await().atMost(Duration.ofSeconds(10)).until(() -> sensor(s, grid, "good").known());
                java.time.Instant first = sensor(s, grid, "good").lastReading();
                await().atMost(Duration.ofSeconds(5)).until(() -> sensor(s, grid, "good").lastReading().isAfter(first));
                assertThat(sensor(s, grid, "hung").lastReading()).as("the hung probe has not come back").isNull();
                good.powerOff();
                await().atMost(Duration.ofSeconds(10)).until(() -> get(s, "ups.status").startsWith("OB"));
                assertThat(sensor(s, grid, "hung").lastReading()).as("still out: the outage did not wait for it")
                        .isNull();
            } finally {
                for (java.net.Socket h : held) {
                    h.close();
                }
            }
        }
    }

    static SensorStatus sensor(TestServer s, UpsName ups, String name) {
        return s.app().hub().snapshot(ups).sensors().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void probesThatCannotRunNeverLookLikeAnOutageNorLikeKnownPower(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, yaml("""
                driver: command
                command: ["/nonexistent/mains-check"]
                interval: 100ms
                fail_rounds: 1
                """).replace("nut:\n", "nut:\n  maxage: 3s\n"), Map.of())) {
            Thread.sleep(1000);
            assertThat(get(s, "ups.status")).as("not an outage: the last decision holds for a while").isEqualTo("OL");
            assertThat(s.app().hub().snapshot(UpsName.of("grid")).sensors().get(0).lastError())
                    .contains("cannot run /nonexistent/mains-check");
            await().atMost(Duration.ofSeconds(10)).until(() -> get(s, "ups.status").equals("ERR DATA-STALE"));
            assertThat(s.app().hub().availability(s.app().hub().snapshot(UpsName.of("grid"))))
                    .as("no sensor reads anything: the grid's state is unknown, and said so")
                    .isEqualTo(io.gridwatch.hub.Availability.DATA_STALE);
        }
    }
}
