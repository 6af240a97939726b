package io.gridwatch.cli;

import io.gridwatch.app.Credentials;
import io.gridwatch.agent.AgentConfigLoader;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.migrate.Migration;
import io.gridwatch.config.migrate.NutImport;
import io.gridwatch.config.migrate.PowMonManImport;
import io.gridwatch.config.migrate.PowerManagerImport;
import io.gridwatch.config.migrate.UpsmonImport;
import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch import <tool> SOURCE}: turns another tool's configuration into Gridwatch's, in one command.
 * Nothing is written unless the whole result loads as a configuration: the file (never overwritten without
 * {@code --force}), then, for UPS_Server_Docker, its API token into the data folder's auth store. What could not
 * be carried over is listed with file and line; what was kept although weaker than Gridwatch's defaults is named
 * in one warning block, with the change that hardens it.
 */
@Command(name = "import", description = "Convert another tool's configuration to Gridwatch's.",
        mixinStandardHelpOptions = true, subcommands = {ImportCommand.PowerManager.class, ImportCommand.PowMonMan.class,
        ImportCommand.Nut.class, ImportCommand.Upsmon.class})
final class ImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Largest file an importer reads: configuration files are small; anything bigger is not one. */
    static final long MAX_FILE = 1 << 20;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The options every importer has. */
    static final class Output {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where to write the configuration ('-': standard output). Default: ./gridwatch.yaml "
                        + "(agent.yaml for upsmon).")
        Path output;

        @Option(names = "--force", description = "Overwrite the output file if it exists.")
        boolean force;
    }

    /** Options of the server importers: where the kept secrets go. */
    static final class Data {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data folder, written into the "
                + "configuration (default: gridwatch-data beside the output file).")
        Path dataDir;

        @Option(names = "--http-listen", paramLabel = "HOST:PORT", description = "Where the dashboard and API "
                + "listen (default: Gridwatch's, 127.0.0.1:8080).")
        String httpListen;
    }

    @Command(name = "power-manager", mixinStandardHelpOptions = true,
            description = "UPS_Server_Docker: its config folder (power_manager.conf, ups.conf, upsd.conf, upsd.users, "
                    + "upsmon.conf, .env), or power_manager.conf alone. Its clients keep working unchanged.")
    static final class PowerManager implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "The config folder (or power_manager.conf).")
        Path source;
        @Mixin
        Output output;
        @Mixin
        Data data;
        @Option(names = "--seed-listen", paramLabel = "HOST:PORT", split = ",",
                description = "Where the old clients' endpoints are served (default: ${DEFAULT-VALUE}, as the "
                        + "original hub).", defaultValue = PowerManagerImport.SEED_LISTEN)
        List<String> seedListen;
        @Option(names = "--nut-listen", paramLabel = "HOST:PORT", split = ",",
                description = "NUT addresses instead of upsd.conf's LISTEN.")
        List<String> nutListen;

        @Override
        public Integer call() {
            return run(spec, output, data, () -> {
                Map<String, String> files = Files.isDirectory(source)
                        ? read(source, PowerManagerImport.FILES, PowerManagerImport.CONF)
                        : Map.of(PowerManagerImport.CONF, read(source));
                return PowerManagerImport.convert(files, source.toAbsolutePath().normalize().toString(), new PowerManagerImport.Options(
                        nutListen, seedListen, data.httpListen, () -> Credentials.generate(20)));
            });
        }
    }

    @Command(name = "powmonman", mixinStandardHelpOptions = true,
            description = "PowMonMan: its rc.yaml (GPIO pin, ports, shutdown time). Its clients keep working unchanged.")
    static final class PowMonMan implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "PowMonMan's rc.yaml.")
        Path source;
        @Mixin
        Output output;
        @Mixin
        Data data;

        @Override
        public Integer call() {
            return run(spec, output, data, () -> PowMonManImport.convert(read(source), source.getFileName().toString()));
        }
    }

    @Command(name = "nut", mixinStandardHelpOptions = true,
            description = "A NUT server: its folder (ups.conf, upsd.conf, upsd.users). Each UPS is mirrored from the "
                    + "upsd that serves it; dummy-ups entries become dummy UPSes.")
    static final class Nut implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "The NUT folder, e.g. /etc/nut.")
        Path source;
        @Mixin
        Output output;
        @Mixin
        Data data;
        @Option(names = "--upstream", paramLabel = "HOST[:PORT]", description = "Where that upsd answers "
                + "(default: its first LISTEN address, else localhost:3493).")
        String upstream;
        @Option(names = "--nut-listen", paramLabel = "HOST:PORT", split = ",",
                description = "NUT addresses instead of upsd.conf's LISTEN (needed on the same machine as that upsd).")
        List<String> nutListen;

        @Override
        public Integer call() {
            return run(spec, output, data, () -> NutImport.convert(read(source, NutImport.FILES, "ups.conf"),
                    source.toAbsolutePath().normalize(), upstream, nutListen));
        }
    }

    @Command(name = "upsmon", mixinStandardHelpOptions = true,
            description = "upsmon.conf (and upssched.conf beside it) to the agent's configuration.")
    static final class Upsmon implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "upsmon.conf, e.g. /etc/nut/upsmon.conf.")
        Path source;
        @Mixin
        Output output;

        @Override
        public Integer call() {
            return run(spec, output, null, () -> {
                Path sched = source.toAbsolutePath().resolveSibling("upssched.conf");
                return UpsmonImport.convert(read(source), Files.exists(sched) ? read(sched) : null);
            });
        }
    }

    interface Importer {
        Migration get() throws IOException;
    }

    static Integer run(picocli.CommandLine.Model.CommandSpec spec, Output o, Data d, Importer importer) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Migration m;
        try {
            m = importer.get();
        } catch (IOException | IllegalArgumentException e) {
            err.println("Error: " + e.getMessage() + "; nothing written");
            return 2;
        }
        boolean stdout = o.output != null && o.output.toString().equals("-");
        Path file = stdout ? null : (o.output != null ? o.output : Path.of(m.agent() ? "agent.yaml" : "gridwatch.yaml"))
                .toAbsolutePath().normalize();
        Path base = stdout ? Path.of("").toAbsolutePath() : file.getParent();
        String yaml = m.yaml();
        Path dataDir = base.resolve("gridwatch-data");
        if (d != null && d.dataDir != null) {
            dataDir = d.dataDir.toAbsolutePath().normalize();
            yaml = "data_dir: " + quote(dataDir.toString()) + "\n" + yaml;
        }
        if (d != null && d.httpListen != null && !yaml.contains("\nhttp:\n")) {
            yaml = yaml + "http:\n  listen: " + quote(d.httpListen) + "   # --http-listen\n";
        }
        try {
            Path where = stdout ? base.resolve("gridwatch.yaml") : file;
            if (m.agent()) {
                AgentConfigLoader.parse(yaml, where, base);
            } else {
                ConfigLoader.parse(yaml, where, base);
            }
        } catch (ConfigException e) {
            err.println("Error: the converted configuration does not load; nothing written:");
            Banner.problems(err, stdout ? Path.of("(converted)") : file, e);
            err.print(m.report().text());
            return 2;
        }
        if (!stdout && Files.exists(file) && !o.force) {
            err.println("Error: " + file + " exists; nothing written (--force overwrites it)");
            return 2;
        }
        if (stdout && !m.tokens().isEmpty()) {
            err.println("Error: this import keeps API tokens in the data folder: give --output FILE; nothing written");
            return 2;
        }
        String admin = null;
        try {
            if (!m.tokens().isEmpty()) {
                admin = ImportedTokens.keep(dataDir.resolve("auth.json"), m.tokens());
            }
            if (stdout) {
                out.print(yaml);
                out.flush();
            } else {
                AtomicFile.write(file, yaml.getBytes(StandardCharsets.UTF_8), true);
            }
        } catch (IOException | RuntimeException e) {
            err.println("Error: " + e.getMessage());
            return 2;
        }
        PrintWriter say = stdout ? err : out;
        if (!stdout) {
            say.println("Wrote " + file + " (" + (m.agent() ? "agent" : "server") + " configuration, readable by you only).");
        }
        if (admin != null) {
            say.println("Dashboard user 'admin', password: " + admin + "  (shown once; change it after logging in)");
        }
        say.print(m.report().text());
        if (!stdout) {
            say.println(m.agent() ? "Check it: gridwatch agent --config " + file + " --check"
                    : "Check it: gridwatch check-config " + file + "\nStart it: gridwatch server --config " + file);
        }
        say.flush();
        return 0;
    }

    static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        if (Files.size(file) > MAX_FILE) {
            throw new IOException(file + " is " + Files.size(file) + " bytes: larger than any configuration file ("
                    + MAX_FILE + ")");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The named files present in {@code dir}; {@code required} must be among them. */
    static Map<String, String> read(Path dir, List<String> names, String required) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String n : names) {
            Path f = dir.resolve(n);
            if (Files.exists(f)) {
                files.put(n, read(f));
            }
        }
        if (!files.containsKey(required)) {
            throw new IOException(dir.resolve(required) + " is missing");
        }
        return files;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
