package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.VarType;
import io.gridwatch.protocol.NutTokenizer;
import io.gridwatch.protocol.Request;
import io.gridwatch.protocol.RequestDecoder;
import io.gridwatch.hub.Variable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Fuzzes the protocol path a server connection takes (tokenizer, decoder, verb handlers) with arbitrary bytes:
 * nothing may throw, every request gets at least one complete reply line, and every decoded request formats
 * back to a line that decodes to the same request. In the suite: a bounded run (see pom.xml, fuzz.duration).
 */
class ProtocolFuzzTest {
    private static final CommandHandler HANDLER = handler();

    private static CommandHandler handler() {
        UpsHub hub = new UpsHub(Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(30));
        UpsName ups = UpsName.of("ups");
        hub.register(ups, "Fuzz UPS", new CommandSink() {
            public CompletableFuture<CommandResult> setVar(String var, String value) {
                return CompletableFuture.completedFuture(CommandResult.SUCCESS);
            }

            public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
                return CompletableFuture.completedFuture(CommandResult.FAILED);
            }
        });
        hub.update(ups, DeviceState.builder().set("ups.status", "OL").set("battery.charge", "99")
                .put(new Variable("ups.id", "x", true, new VarType.Text(8), List.of(), List.of()))
                .put(new Variable("input.sensitivity", "low", true, new VarType.Text(8), List.of("low", "high"), List.of()))
                .put(new Variable("ups.delay.shutdown", "20", true, VarType.NUMBER, List.of(), List.of(new Range(0, 600))))
                .command("load.off").build());
        UserDb users = new UserDb(List.of(
                new NutUser("admin", "pw", Set.of(NutUser.Action.SET, NutUser.Action.FSD), Set.of("all"), NutUser.Role.NONE),
                new NutUser("mon", "pw", Set.of(), Set.of(), NutUser.Role.PRIMARY)));
        ServerContext ctx = new ServerContext(hub, users, new LoginRegistry(), new TrackingTable(Clock.systemUTC(), 1000),
                VarDescriptions.builtIn(), "fuzz", "2.8.0", false);
        return new CommandHandler(ctx);
    }

    @FuzzTest(maxDuration = "20s")
    void anyBytesGetRepliesAndNeverCrash(byte[] input) {
        assertThat(linesByFeed(input)).as("bulk feed() splits like byte-wise accept()").isEqualTo(linesByAccept(input));
        NutTokenizer tokenizer = NutTokenizer.forServer();
        SessionState session = new SessionState(1, "127.0.0.1", Instant.EPOCH);
        StringBuilder out = new StringBuilder();
        for (byte b : input) {
            if (!tokenizer.accept(b)) {
                continue;
            }
            List<String> words = tokenizer.takeArgs();
            Request request = RequestDecoder.decode(words);
            if (!(request instanceof Request.Invalid)) {
                assertThat(RequestDecoder.decode(NutTokenizer.split(request.toLine()))).isEqualTo(request);
            }
            out.setLength(0);
            CommandHandler.After after = HANDLER.handle(session, request, out);
            assertThat(out.length()).isPositive();
            assertThat(out.charAt(out.length() - 1)).isEqualTo('\n');
            if (after == CommandHandler.After.CLOSE) {
                HANDLER.logout(session);
                return;
            }
        }
        HANDLER.logout(session);
    }

    static List<List<String>> linesByAccept(byte[] input) {
        NutTokenizer t = NutTokenizer.forServer();
        List<List<String>> out = new java.util.ArrayList<>();
        for (byte b : input) {
            if (t.accept(b)) {
                out.add(t.takeArgs());
            }
        }
        return out;
    }

    static List<List<String>> linesByFeed(byte[] input) {
        NutTokenizer t = NutTokenizer.forServer();
        List<List<String>> out = new java.util.ArrayList<>();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(input);
        while (in.hasRemaining()) {
            if (t.feed(in)) {
                out.add(t.takeArgs());
            }
        }
        return out;
    }
}
