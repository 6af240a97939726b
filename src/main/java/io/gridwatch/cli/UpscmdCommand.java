package io.gridwatch.cli;

import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.client.UpsAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch upscmd}: NUT's upscmd (instant commands), same options and output. */
@Command(name = "upscmd", description = "Run an instant command on a UPS (like NUT's upscmd).",
        footer = {"", "  <ups>      UPS identifier - <upsname>[@<hostname>[:<port>]]",
                "  <command>  Valid instant command - test.panel.start, etc.",
                "  [<value>]  Additional data for command - number of seconds, etc."})
final class UpscmdCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions connection;

    @Option(names = "-l", paramLabel = "ups", description = "Show the commands the UPS offers.")
    String listOf;

    @Mixin
    LoginOptions login;

    @Mixin
    WaitOptions waiting;

    @Parameters(arity = "0..3", paramLabel = "<ups> <command> [<value>]", description = "The UPS (upsname[@hostname[:port]]), the instant command, and its value if it takes one.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (listOf != null) {
                return list(out, UpsAddress.parse(listOf, true));
            }
            if (args.size() < 2) {
                spec.commandLine().usage(out);
                return 0;
            }
            return run(err, UpsAddress.parse(args.get(0), true), args.get(1), args.size() > 2 ? args.get(2) : null);
        } catch (NutException e) {
            err.println("Unexpected response from upsd: " + e.reply());
        } catch (IllegalArgumentException | IOException e) {
            err.println("Error: " + e.getMessage());
        }
        return 1;
    }

    private int list(PrintWriter out, UpsAddress a) throws IOException {
        try (NutSession s = connection.open(a.host(), a.port())) {
            List<String> commands = s.listCommands(a.ups());
            out.println("Instant commands supported on UPS [" + a.ups() + "]:");
            out.println();
            for (String c : commands) {
                out.println(c + " - " + s.getCommandDescription(a.ups(), c));
            }
        } catch (NutException e) {
            out.flush();
            spec.commandLine().getErr().println("Error: " + NutErrors.describe(e));
            return 1;
        }
        return 0;
    }

    private int run(PrintWriter err, UpsAddress a, String cmd, String value) throws IOException {
        try (NutSession s = login.open(connection, a)) {
            waiting.prepare(s);
            return waiting.finish(err, s, s.instCmd(a.ups(), cmd, value));
        }
    }
}
