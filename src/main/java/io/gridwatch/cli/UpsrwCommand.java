package io.gridwatch.cli;

import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.client.UpsAddress;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch upsrw}: NUT's upsrw (list and set writable variables), same options and output. */
@Command(name = "upsrw", description = "List or set a UPS's writable variables (like NUT's upsrw).")
final class UpsrwCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions connection;

    @Option(names = "-s", paramLabel = "variable[=value]", description = "Set a variable (the value is asked when missing).")
    String setting;

    @Option(names = "-l", description = "List the writable variables (the default).")
    boolean list;

    @Mixin
    LoginOptions login;

    @Mixin
    WaitOptions waiting;

    @Parameters(arity = "0..1", paramLabel = "<ups>", description = "The UPS: upsname[@hostname[:port]].")
    List<String> args = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (args.isEmpty()) {
            spec.commandLine().usage(out);
            return 0;
        }
        try {
            UpsAddress a = UpsAddress.parse(args.get(0), true);
            if (setting != null && !list) {
                return set(err, a);
            }
            try (NutSession s = connection.open(a.host(), a.port())) {
                new RwListing(s, a.ups(), out).print();
            }
            return 0;
        } catch (NutException e) {
            err.println(setting != null && !list ? "Unexpected response from upsd: " + e.reply()
                    : "Error: " + NutErrors.describe(e));
        } catch (IllegalArgumentException | IOException e) {
            err.println("Error: " + e.getMessage());
        }
        return 1;
    }

    private int set(PrintWriter err, UpsAddress a) throws IOException {
        int eq = setting.indexOf('=');
        String var = eq < 0 ? setting : setting.substring(0, eq);
        String value = eq < 0 ? askValue(var) : setting.substring(eq + 1);
        if (!var.contains(".")) {
            throw new IOException("old variable names are not supported");
        }
        try (NutSession s = login.open(connection, a)) {
            waiting.prepare(s);
            return waiting.finish(err, s, s.setVar(a.ups(), var, value));
        }
    }

    private static String askValue(String var) throws IOException {
        Console console = System.console();
        if (console == null) {
            throw new IOException("give the new value as -s " + var + "=<value>");
        }
        String v = console.readLine("Enter new value for %s: ", var);
        return v == null ? "" : v;
    }
}
