package io.gridwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch server}: runs the server from a config file, or the embedded demo site without one, until
 * stopped (SIGINT/SIGTERM close everything in reverse order).
 */
@Command(name = "server", description = "Run the Gridwatch server (without --config: a demo site on loopback).")
final class ServerCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GRIDWATCH_DATA_DIR}",
            description = "Data folder; wins over the file's data_dir (default: the environment variable "
                    + "GRIDWATCH_DATA_DIR, else the file's data_dir; for the demo site, gridwatch-data in the "
                    + "current folder).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        // the work is in ServerRun, so that building the command tree (every subcommand's class) loads none of
        // the server's classes: the agent, run from the same jar, stays small
        return ServerRun.run(config, dataDir, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
