package io.gridwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.gridwatch.config.Version;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code gridwatch <command>}. The only place that writes to stdout. Client tools keep the
 * log quiet (warnings only); the server and the agent log at info.
 */
@Command(name = "gridwatch", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Power management for servers on UPS power: a NUT-compatible server, client tools and more.",
        subcommands = {ServerCommand.class, AgentCommand.class, CheckConfigCommand.class, DoctorCommand.class, ConfigReferenceCommand.class, DrillCommand.class,
                WolCommand.class, SshCheckCommand.class, ImportCommand.class, DemoCommand.class, PasswdCommand.class, UpscCommand.class,
                UpscmdCommand.class,
                UpsrwCommand.class, CommandLine.HelpCommand.class})
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // the two daemons log at info; the one-shot tools only warn
        boolean server = args.length > 0 && (args[0].equals("server") || args[0].equals("agent"));
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(server ? Level.INFO : Level.WARN);
        CommandLine cl = command();
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
        addHelp(cl);
        return cl;
    }

    private static void addHelp(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        cl.getSubcommands().values().stream().distinct().forEach(Cli::addHelp);
    }

    /** {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Gridwatch " + Version.current() + " (NUT network protocol 1.3)"};
        }
    }
}
