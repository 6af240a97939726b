package io.gridwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.gridwatch.config.Version;
import java.io.PrintWriter;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code gridwatch <command>}. The only place that writes to stdout. Client tools keep the
 * log quiet (warnings only); the server and the agent log at info.
 */
@Command(name = "gridwatch", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Power management for servers on UPS power: a NUT-compatible server, client tools and more.")
public final class Cli {
    /** The commands, in the order the help lists them (then {@code help}). */
    static final List<Class<?>> COMMANDS = List.of(ServerCommand.class, AgentCommand.class, CheckConfigCommand.class,
            DoctorCommand.class, ConfigReferenceCommand.class, DrillCommand.class, WolCommand.class,
            SshCheckCommand.class, ImportCommand.class, DemoCommand.class, PasswdCommand.class, UpscCommand.class,
            UpscmdCommand.class, UpsrwCommand.class);

    private Cli() {
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /**
     * The launcher's trial run for class-data sharing (see the {@code gridwatch} script): once this process has been
     * up for 30 s it is a real run, not a --help or a failed start, and the classes it recorded at exit are worth
     * keeping; the file named by {@code gridwatch.cds.ok} says so.
     */
    private static void markCdsTrial() {
        String ok = System.getProperty("gridwatch.cds.ok");
        if (ok == null) {
            return;
        }
        Thread.ofPlatform().daemon().name("cds-trial").start(() -> {
            try {
                Thread.sleep(30_000);
                java.nio.file.Files.writeString(java.nio.file.Path.of(ok), "");
            } catch (InterruptedException | java.io.IOException | RuntimeException e) {
                // no archive this time; the next start tries again
            }
        });
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        markCdsTrial();
        // the two daemons log at info; the one-shot tools only warn
        boolean server = args.length > 0 && (args[0].equals("server") || args[0].equals("agent"));
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(server ? Level.INFO : Level.WARN);
        Integer fast = server(args, out, err);
        if (fast != null) {
            return fast;
        }
        CommandLine cl = args.length > 0 ? commandFor(args[0]) : command();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("Error: " + ex.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    /** The whole command tree, every command with {@code -h}/{@code --help} (usage on stdout, exit 0, as NUT's tools). */
    static CommandLine command() {
        CommandLine cl = new CommandLine(Cli.class);
        COMMANDS.forEach(c -> cl.addSubcommand(new CommandLine(c)));
        cl.addSubcommand("help", new CommandLine(new CommandLine.HelpCommand()));
        addHelp(cl);
        return cl;
    }

    /**
     * The tree with only the command named {@code name} under the root, when it is one: picocli reads every
     * command's annotations when it is added, and building all fourteen took a third of the server's start-up
     * before NUT answered. Anything else (an option, {@code help}, a typo to suggest a command for) gets the
     * whole tree.
     */
    static CommandLine commandFor(String name) {
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(CommandLine.Command.class).name().equals(name)) {
                CommandLine cl = new CommandLine(Cli.class);
                cl.addSubcommand(new CommandLine(c));
                addHelp(cl);
                return cl;
            }
        }
        return command();
    }

    private static void addHelp(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        cl.getSubcommands().values().stream().distinct().forEach(Cli::addHelp);
    }

    /**
     * {@code gridwatch server} with nothing but {@code -c/--config FILE} and {@code --data-dir DIR} (each at most
     * once, as {@code --opt value} or {@code --opt=value}), run without picocli: its classes are built for an old
     * Java and cannot go into the class-data archive, and reading the command's annotations took a tenth of a
     * second before NUT could answer. Anything else (help, a typo, a repeated option) goes through picocli as
     * before; null then. The same defaults and the same error output as {@link ServerCommand}.
     */
    static Integer server(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("server")) {
            return null;
        }
        String config = null;
        String dataDir = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value;
            boolean isConfig = a.equals("-c") || a.equals("--config") || a.startsWith("--config=");
            boolean isData = a.equals("--data-dir") || a.startsWith("--data-dir=");
            if (!isConfig && !isData) {
                return null;
            }
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || (isConfig ? config : dataDir) != null) {
                return null;
            }
            if (isConfig) {
                config = value;
            } else {
                dataDir = value;
            }
        }
        if (dataDir == null) {
            dataDir = System.getenv("GRIDWATCH_DATA_DIR");
        }
        try {
            return ServerRun.run(config == null ? null : java.nio.file.Path.of(config),
                    dataDir == null ? null : java.nio.file.Path.of(dataDir), out, err);
        } catch (Exception e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Gridwatch " + Version.current() + " (NUT network protocol 1.3)"};
        }
    }
}
