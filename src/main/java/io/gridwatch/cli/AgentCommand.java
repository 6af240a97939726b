package io.gridwatch.cli;

import io.gridwatch.agent.Agent;
import io.gridwatch.agent.Discovery;
import io.gridwatch.agent.AgentConfig;
import io.gridwatch.agent.AgentConfigLoader;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch agent}: watches the UPSes this machine is on and shuts it down in time (upsmon's job, with the
 * hub's per-host delay). {@code --check} only checks the file; {@code --dry-run} does everything but the final
 * command; {@code agent discover} lists the NUT servers announced on the LAN.
 */
@Command(name = "agent", description = "Shut this machine down in time when its UPS runs out (upsmon's role).",
        subcommands = AgentCommand.Discover.class)
final class AgentCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Agent YAML file (agent.yaml).")
    Path config;

    @Option(names = "--dry-run", description = "Everything but the shutdown command itself (logged instead).")
    boolean dryRun;

    @Option(names = "--check", description = "Check the file and exit (0: good, 2: problems listed).")
    boolean check;

    @Option(names = "--reference", description = "Print every agent setting as Markdown and exit.")
    boolean reference;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reference) {
            out.print(io.gridwatch.agent.AgentConfigLoader.markdown());
            out.flush();
            return 0;
        }
        if (config == null) {
            err.println("Error: --config FILE is required (see docs/agent.md); looking for servers on the LAN:");
            Discover.report(out, err, null, Duration.ofSeconds(3));
            return 2;
        }
        AgentConfig c;
        try {
            c = AgentConfigLoader.load(config);
        } catch (ConfigException e) {
            Banner.problems(err, config, e);
            return 2;
        }
        if (c.monitors().isEmpty()) {
            err.println(config + ": monitors no UPS; looking for servers on the LAN:");
            Discover.report(out, err, null, Duration.ofSeconds(3));
            err.println("Add them under monitor: (ups: name@host:port).");
            return 2;
        }
        if (check) {
            out.println(config + ": ok (" + c.monitors().size() + " UPS, host '" + c.host() + "'"
                    + (c.hub() != null ? ", hub " + c.hub() : "") + ")");
            out.flush();
            return 0;
        }
        Agent agent = new Agent(c, Clock.systemUTC(), dryRun);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            agent.close();
            try {
                main.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        agent.loadHubSettings();
        agent.run();
        String outcome = agent.shutdownOutcome();
        if (outcome != null) {
            out.println("gridwatch agent: " + outcome);
            out.flush();
            return outcome.startsWith("shutdown command failed") ? 1 : 0;
        }
        return 0;
    }

    /** {@code gridwatch agent discover}: the NUT servers announced by mDNS. */
    @Command(name = "discover", description = "List the NUT servers announced on the LAN (mDNS, _nut._tcp).")
    static final class Discover implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--interface", paramLabel = "ADDRESS",
                description = "Browse on the interface with this address (default: the default interface).")
        String bind;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "How long to listen.")
        int seconds;

        @Override
        public Integer call() throws Exception {
            return report(spec.commandLine().getOut(), spec.commandLine().getErr(),
                    bind == null ? null : InetAddress.getByName(bind), Duration.ofSeconds(seconds)) ? 0 : 1;
        }

        /** Prints what was found; false when nothing was. */
        static boolean report(PrintWriter out, PrintWriter err, InetAddress bind, Duration timeout) {
            try {
                List<Discovery.Found> found = Discovery.find(bind, timeout);
                if (found.isEmpty()) {
                    err.println("No NUT server announced itself (_nut._tcp) within " + timeout.toSeconds() + " s.");
                    err.flush();
                    return false;
                }
                for (Discovery.Found f : found) {
                    out.println(f);
                }
                out.flush();
                return true;
            } catch (IOException e) {
                err.println("Error: cannot browse mDNS: " + e.getMessage());
                err.flush();
                return false;
            }
        }
    }
}
