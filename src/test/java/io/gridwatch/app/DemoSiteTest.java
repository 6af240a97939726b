package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo site as a newcomer meets it: its writable variables show values and their ENUM and RANGE options,
 * edits to its configuration survive a restart, and a port taken in between moves with a note saying why.
 */
class DemoSiteTest {
    @Test
    void editsSurviveARestartAndATakenPortMovesWithANote(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("gridwatch-data");
        DemoSite.Prepared first = DemoSite.prepare(data);
        int nut = first.config().nut().listen().get(0).getPort();
        first.close();
        Path file = first.configFile();
        String edited = Files.readString(file).replace("  demo-nas:\n", "  my-server: { ups: grid, address: 127.0.0.2, "
                + "shutdown_delay: 1m }\n  demo-nas:\n");
        Files.writeString(file, edited);

        DemoSite.Prepared second = DemoSite.prepare(data);
        second.close();
        assertThat(second.config().site().hosts()).extracting(io.gridwatch.config.HostConfig::name)
                .contains("my-server", "demo-nas");
        assertThat(second.config().nut().listen().get(0).getPort()).as("the same port when it is free").isEqualTo(nut);
        assertThat(second.notes()).isEmpty();

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), nut));
            DemoSite.Prepared third = DemoSite.prepare(data);
            third.close();
            int moved = third.config().nut().listen().get(0).getPort();
            assertThat(moved).isNotEqualTo(nut);
            assertThat(third.notes()).containsExactly("port " + nut + " is taken on loopback (by a real upsd?): "
                    + "the demo's NUT server uses " + moved);
            assertThat(third.config().site().hosts()).extracting(io.gridwatch.config.HostConfig::name).contains("my-server");
            assertThat(Files.readString(file)).contains("\"127.0.0.1:" + moved + "\"", "\"[::1]:" + moved + "\"",
                    "\"tcp:" + moved + "\"").doesNotContain(":" + nut + "\"");
        }
    }

    @Test
    void theDemosWritableVariablesHaveValuesAndOptions(@TempDir Path dir) throws Exception {
        DemoSite.Prepared demo = DemoSite.prepare(dir.resolve("gridwatch-data"));
        try (ServerApp app = ServerApp.start(demo.config(), Clock.systemUTC(), TestServer.TEST_HASH_ITERATIONS);
             Wire w = Wire.local(app.nutServer().boundAddresses().get(0).getPort())) {
            String rw = String.join("\n", w.list("LIST RW demo"));
            assertThat(rw).contains("RW demo input.sensitivity \"normal\"", "RW demo input.transfer.high \"264\"",
                    "RW demo ups.delay.shutdown \"20\"");
            assertThat(String.join("\n", w.list("LIST ENUM demo input.sensitivity"))).contains("\"low\"", "\"high\"");
            assertThat(String.join("\n", w.list("LIST RANGE demo input.transfer.high")))
                    .contains("RANGE demo input.transfer.high \"250\" \"270\"", "\"280\" \"290\"");
        } finally {
            demo.close();
        }
    }

    @Test
    void aCleanStopLogsNoWarning(@TempDir Path dir) throws Exception {
        DemoSite.Prepared demo = DemoSite.prepare(dir.resolve("gridwatch-data"));
        ServerApp app = ServerApp.start(demo.config(), Clock.systemUTC(), TestServer.TEST_HASH_ITERATIONS);
        try (io.gridwatch.testing.LogCapture log = new io.gridwatch.testing.LogCapture()) {
            app.close();
            demo.close();
            assertThat(log.lines()).as("stopping on purpose is not a fault").noneMatch(l -> l.startsWith("WARN")
                    || l.startsWith("ERROR"));
            assertThat(log.lines()).anyMatch(l -> l.contains("UPS [demo]: data driver not connected (driver stopped)"));
        }
    }
}
