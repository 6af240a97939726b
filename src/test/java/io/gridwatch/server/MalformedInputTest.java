package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Fixtures;
import io.gridwatch.testing.TestServer;
import io.gridwatch.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of bad request: each gets upsd's error token, and the connection goes on working. */
class MalformedInputTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = Fixtures.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Asserts the reply, then that the same connection still answers a good request. */
    static void answers(Wire w, String request, String expected) throws Exception {
        assertThat(w.ask(request)).isEqualTo(expected);
        assertThat(w.ask("GET VAR ups ups.status")).isEqualTo("VAR ups ups.status \"OL\"");
    }

    static Wire admin() throws Exception {
        Wire w = server.wire();
        assertThat(w.ask("USERNAME admin")).isEqualTo("OK");
        assertThat(w.ask("PASSWORD adminpass")).isEqualTo("OK");
        return w;
    }

    @Test
    void unknownVerb() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "FROBNICATE ups", "ERR UNKNOWN-COMMAND");
        }
    }

    @Test
    void emptyLine() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "", "ERR UNKNOWN-COMMAND");
        }
    }

    @Test
    void commentOnlyLine() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "# just a comment", "ERR UNKNOWN-COMMAND");
        }
    }

    @Test
    void missingArguments() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET VAR ups", "ERR INVALID-ARGUMENT");
            answers(w, "LIST ENUM ups", "ERR INVALID-ARGUMENT");
            answers(w, "USERNAME", "ERR INVALID-ARGUMENT");
            // upsd asks for a user name before it looks at the arguments of privileged commands
            answers(w, "INSTCMD ups", "ERR USERNAME-REQUIRED");
        }
        try (Wire w = admin()) {
            answers(w, "INSTCMD ups", "ERR INVALID-ARGUMENT");
            answers(w, "SET VAR ups ups.firmware", "ERR INVALID-ARGUMENT");
        }
    }

    @Test
    void unknownSubcommand() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET BOGUS ups x", "ERR INVALID-ARGUMENT");
            answers(w, "LIST BOGUS ups", "ERR INVALID-ARGUMENT");
        }
    }

    @Test
    void extraArgumentsWhereUpsdRefusesThem() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "VER now", "ERR INVALID-ARGUMENT");
            answers(w, "LOGOUT now", "ERR INVALID-ARGUMENT");
        }
    }

    @Test
    void unterminatedQuoteWaitsForTheClosingQuote() throws Exception {
        try (Wire w = server.wire()) {
            w.send("GET VAR \"ups ups.status\n");
            assertThat(w.silentFor(300)).isTrue();
            answers(w, "\"", "ERR INVALID-ARGUMENT");
        }
    }

    @Test
    void overlongWordIsCutAtUpsdsLimit() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET VAR ups " + "x".repeat(100_000), "ERR VAR-NOT-SUPPORTED");
            // the 512-character limit keeps the start of a word: a variable name this long still matches
            answers(w, "GET VAR ups ups.status" + " ".repeat(70_000), "VAR ups ups.status \"OL\"");
        }
    }

    @Test
    void endlessLineWithoutNewlineCostsNoMemory() throws Exception {
        try (Wire w = server.wire()) {
            byte[] chunk = "aaaaaaaaaa aaaaaaaaa ".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                w.sendBytes(chunk); // 21 MB on one line, split into many words
            }
            answers(w, "", "ERR UNKNOWN-COMMAND");
        }
    }

    @Test
    void tooManyWordsAreDropped() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET VAR ups ups.status" + " extra".repeat(100), "VAR ups ups.status \"OL\"");
        }
    }

    @Test
    void binaryBytes() throws Exception {
        try (Wire w = server.wire()) {
            w.sendBytes(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F, 0x1B, '\n'});
            assertThat(w.line()).isEqualTo("ERR UNKNOWN-COMMAND");
            // bytes outside printable ASCII are dropped from words, as upsd does
            answers(w, "GET VAR ups ups.st\u00e4atus", "VAR ups ups.status \"OL\"");
        }
    }

    @Test
    void controlCharactersInsideAWordAreDropped() throws Exception {
        try (Wire w = server.wire()) {
            w.sendBytes("GET VAR ups ups.st\u0000atus\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(w.line()).isEqualTo("VAR ups ups.status \"OL\"");
        }
    }

    @Test
    void crlfLineEndings() throws Exception {
        try (Wire w = server.wire()) {
            w.send("GET VAR ups ups.status\r\nVER\r\n");
            assertThat(w.line()).isEqualTo("VAR ups ups.status \"OL\"");
            assertThat(w.line()).startsWith("Network UPS Tools upsd 2.8.0");
        }
    }

    @Test
    void passwordBeforeUsernameIsAccepted() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "PASSWORD adminpass", "OK");
            answers(w, "USERNAME admin", "OK");
            answers(w, "SET VAR ups ups.firmware 2.0", "OK");
        }
    }

    @Test
    void privilegedCommandBeforeUsername() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "LOGIN ups", "ERR USERNAME-REQUIRED");
            answers(w, "INSTCMD ups beeper.toggle", "ERR USERNAME-REQUIRED");
            answers(w, "SET TRACKING ON", "ERR USERNAME-REQUIRED");
        }
    }

    @Test
    void usernameTwice() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "USERNAME viewer", "OK");
            answers(w, "USERNAME admin", "ERR ALREADY-SET-USERNAME");
        }
    }

    @Test
    void wrongPassword() throws Exception {
        try (Wire w = server.wire()) {
            w.ask("USERNAME admin");
            w.ask("PASSWORD nope");
            answers(w, "SET VAR ups ups.firmware 2.0", "ERR ACCESS-DENIED");
        }
    }

    @Test
    void actionWithoutTheRight() throws Exception {
        try (Wire w = server.wire()) {
            w.ask("USERNAME viewer");
            w.ask("PASSWORD viewerpass");
            answers(w, "SET VAR ups ups.firmware 2.0", "ERR ACCESS-DENIED");
            answers(w, "LOGIN ups", "ERR ACCESS-DENIED");
            answers(w, "FSD ups", "ERR ACCESS-DENIED");
        }
    }

    @Test
    void loginTwice() throws Exception {
        try (Wire w = server.wire()) {
            w.ask("USERNAME monsecondary");
            w.ask("PASSWORD secondarypass");
            answers(w, "LOGIN ups", "OK");
            answers(w, "LOGIN ups", "ERR ALREADY-LOGGED-IN");
        }
    }

    @Test
    void setOnReadOnlyVariable() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET VAR ups battery.charge 50", "ERR READONLY");
            answers(w, "SET VAR ups driver.name x", "ERR READONLY");
        }
    }

    @Test
    void setOnUnknownVariable() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET VAR ups no.such.var 1", "ERR VAR-NOT-SUPPORTED");
        }
    }

    @Test
    void setStringTooLong() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET VAR ups ups.firmware 12345678901234567", "ERR TOO-LONG");
        }
    }

    @Test
    void setOutsideEnum() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET VAR ups input.sensitivity bogus", "ERR INVALID-VALUE");
            answers(w, "SET VAR ups input.sensitivity high", "OK");
        }
    }

    @Test
    void setOutsideRanges() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET VAR ups input.transfer.high 275", "ERR INVALID-VALUE");
            answers(w, "SET VAR ups input.transfer.high abc", "ERR INVALID-VALUE");
            answers(w, "SET VAR ups input.transfer.high 285", "OK");
        }
    }

    @Test
    void unsupportedInstantCommand() throws Exception {
        try (Wire w = admin()) {
            answers(w, "INSTCMD ups shutdown.stayoff", "ERR CMD-NOT-SUPPORTED");
        }
    }

    @Test
    void unknownUps() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET VAR nosuch ups.status", "ERR UNKNOWN-UPS");
            answers(w, "LIST VAR nosuch", "ERR UNKNOWN-UPS");
        }
    }

    @Test
    void trackingIdWhileTrackingIsOff() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "GET TRACKING 2DDC5036-F665-4D29-BE4C-0374D091D263", "ERR FEATURE-NOT-CONFIGURED");
        }
    }

    @Test
    void unknownTrackingId() throws Exception {
        try (Wire w = admin()) {
            answers(w, "SET TRACKING ON", "OK");
            answers(w, "GET TRACKING 00000000-0000-0000-0000-000000000000", "ERR UNKNOWN");
        }
    }

    @Test
    void startTlsWithoutCertificate() throws Exception {
        try (Wire w = server.wire()) {
            answers(w, "STARTTLS", "ERR FEATURE-NOT-CONFIGURED");
        }
    }

    @Test
    void halfClosedClientStillGetsItsReplies() throws Exception {
        try (Wire w = server.wire()) {
            w.send("GET VAR ups ups.status\n");
            w.socket().shutdownOutput();
            assertThat(w.line()).isEqualTo("VAR ups ups.status \"OL\"");
            assertThat(w.closedByServer()).isTrue();
        }
    }
}
