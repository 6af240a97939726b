package io.gridwatch.cli;

import io.gridwatch.client.HostPort;
import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.client.UpsAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch upsc}: NUT's upsc, same options and output, against any upsd or Gridwatch server. */
@Command(name = "upsc", description = "Show UPS variables (like NUT's upsc).",
        footer = {"", "Forms:", "  upsc -l | -L [<hostname>[:port]]", "  upsc <ups> [<variable>]", "  upsc -c <ups>",
                "<ups> is <upsname>[@<hostname>[:<port>]]"})
final class UpscCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions connection;

    @Option(names = "-l", arity = "0..1", fallbackValue = "localhost", paramLabel = "host[:port]",
            description = "List each UPS on the host, one per line.")
    String listHost;

    @Option(names = "-L", arity = "0..1", fallbackValue = "localhost", paramLabel = "host[:port]",
            description = "List each UPS followed by its description.")
    String listLongHost;

    @Option(names = "-c", paramLabel = "ups", description = "List each client logged in to the UPS.")
    String clientsOf;

    @Parameters(arity = "0..2", paramLabel = "ups [variable]", description = "The UPS (upsname[@hostname[:port]]) and, optionally, one variable to show.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (listHost != null || listLongHost != null) {
                return list(out, listHost != null ? listHost : listLongHost, listLongHost != null);
            }
            if (clientsOf != null) {
                UpsAddress a = UpsAddress.parse(clientsOf, true);
                try (NutSession s = connection.open(a.host(), a.port())) {
                    s.listClients(a.ups()).forEach(out::println);
                }
                return 0;
            }
            if (args.isEmpty()) {
                err.println("Error: invalid UPS definition.\nRequired format: upsname[@hostname[:port]]");
                return 1;
            }
            return vars(out, UpsAddress.parse(args.get(0), true), args.size() > 1 ? args.get(1) : null);
        } catch (NutException e) {
            err.println("Error: " + NutErrors.describe(e));
        } catch (IllegalArgumentException | IOException e) {
            err.println("Error: " + e.getMessage());
        }
        return 1;
    }

    private int list(PrintWriter out, String host, boolean withDescriptions) throws IOException {
        HostPort hp = HostPort.parse(host, UpsAddress.DEFAULT_PORT);
        try (NutSession s = connection.open(hp.host(), hp.port())) {
            for (Map.Entry<String, String> e : s.listUps().entrySet()) {
                out.println(withDescriptions ? e.getKey() + ": " + e.getValue() : e.getKey());
            }
        }
        return 0;
    }

    private int vars(PrintWriter out, UpsAddress a, String var) throws IOException {
        try (NutSession s = connection.open(a.host(), a.port())) {
            if (var != null) {
                out.println(s.getVar(a.ups(), var));
            } else {
                s.listVars(a.ups()).forEach((k, v) -> out.println(k + ": " + v));
            }
        }
        return 0;
    }
}
