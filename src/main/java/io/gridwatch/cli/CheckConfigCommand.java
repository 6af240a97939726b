package io.gridwatch.cli;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch check-config FILE}: every problem with file:line, exit 2; or a summary, exit 0. */
@Command(name = "check-config", description = "Check a configuration file without starting anything.")
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML configuration to check.")
    Path file;

    @Override
    public Integer call() {
        try {
            GridwatchConfig c = ConfigLoader.load(file);
            spec.commandLine().getOut().printf("%s: OK (%d UPS, %d NUT users, NUT on %s)%n", file, c.ups().size(),
                    c.nut().users().size(), Banner.addresses(c.nut().listen()));
            return 0;
        } catch (ConfigException e) {
            Banner.problems(spec.commandLine().getErr(), file, e);
            return 2;
        }
    }
}
