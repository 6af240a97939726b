package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.ComposedServer;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Transcript;
import io.gridwatch.testing.TranscriptPlayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorded dialogues with the real upsd 2.8.0 (src/test/resources/nut-reference, from ../shared/reference),
 * replayed byte for byte against Gridwatch configured like the recording's upsd: same UPS, same users.
 */
class TranscriptReplayTest {
    static final String UPSD_INFO = "Network UPS Tools upsd 2.8.0 - http://www.networkupstools.org/";

    @BeforeAll
    static void nutDescriptionsInstalled() {
        // GET DESC texts come from NUT's cmdvartab, as with upsd
        RealNut.requireInstalled();
    }

    @Test
    void upsdTranscriptReplaysIdentically(@TempDir Path dir) throws Exception {
        String yaml = """
                nut:
                  listen: ["127.0.0.1:0"]
                  server_info: "%s"
                  fsd_release: never
                  users:
                    admin:        { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                    monprimary:   { password: primarypass, upsmon: primary }
                    monsecondary: { password: secondarypass, upsmon: secondary }
                    viewer:       { password: viewerpass }
                ups:
                  ups:
                    description: "NUT dummy UPS for conformance tests"
                    driver: dummy
                    file: ups.dev
                    pollinterval: 200ms
                """.formatted(UPSD_INFO);
        try (TestServer server = TestServer.start(dir, yaml, Map.of("ups.dev", resource("ups.dev")))) {
            UpsName ups = UpsName.of("ups");
            Path dev = dir.resolve("ups.dev");
            Path hidden = dir.resolve("ups.dev.stopped");
            TranscriptPlayer player = new TranscriptPlayer(server.port(), comment -> {
                if (comment.contains("SIGSTOP")) {
                    move(dev, hidden);
                    awaitAvailability(server, ups, Availability.DATA_STALE);
                } else if (comment.contains("SIGCONT")) {
                    move(hidden, dev);
                    awaitAvailability(server, ups, Availability.OK);
                } else if (comment.contains("SIGTERM")) {
                    server.app().driverRunner(ups).close();
                }
            }, Map.of(
                    // upsd shows "WAIT" for a moment after its driver's socket closes; we say at once what it says
                    // a few seconds later
                    "VAR ups ups.status \"FSD WAIT\"\n", "ERR DRIVER-NOT-CONNECTED\n"));

            List<String> differences = player.play(Transcript.load("/nut-reference/transcript-upsd-2.8.0.txt"));

            assertThat(differences).isEmpty();
        }
    }

    /** dummy-ups' device.* and upsd's order of checks for INSTCMD and SET VAR, recorded with two devices. */
    @Test
    void dummyDeviceTranscriptReplaysIdentically(@TempDir Path dir) throws Exception {
        String yaml = """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    viewer: { password: viewpass }
                    cmder:  { password: cmdpass, instcmds: [all] }
                    setter: { password: setpass, actions: [SET] }
                ups:
                  ev:    { driver: dummy, file: ev.dev, description: "Sample with maker fields" }
                  plain: { driver: dummy, file: plain.dev, description: "Sample without maker fields" }
                """;
        try (TestServer server = TestServer.start(dir, yaml, Map.of("ev.dev", resource("transcript-dummy-ev.dev"),
                "plain.dev", resource("transcript-dummy-plain.dev")))) {
            TranscriptPlayer player = new TranscriptPlayer(server.port(), c -> { }, Map.of());
            List<String> differences = player.play(Transcript.load("/nut-reference/transcript-dummy-device.txt"));
            assertThat(differences).isEmpty();
        }
    }

    @Test
    void enumRangeTranscriptReplaysIdentically() throws Exception {
        UpsName fake = UpsName.of("fake");
        List<NutUser> users = List.of(new NutUser("admin", "adminpass", Set.of(NutUser.Action.SET, NutUser.Action.FSD),
                Set.of("all"), NutUser.Role.NONE));
        try (ComposedServer server = new ComposedServer(Map.of(fake, new FakeEnumRangeDriver()), Map.of(), users,
                UPSD_INFO, null, 100, Duration.ofSeconds(60))) {
            TranscriptPlayer player = new TranscriptPlayer(server.port(), c -> { }, Map.of());

            List<String> differences = player.play(Transcript.load("/nut-reference/transcript-enum-range.txt"));

            assertThat(differences).isEmpty();
        }
    }

    private static void awaitAvailability(TestServer server, UpsName ups, Availability wanted) {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.app().hub()
                .availability(server.app().hub().snapshot(ups)) == wanted);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TranscriptReplayTest.class.getResourceAsStream("/nut-reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
