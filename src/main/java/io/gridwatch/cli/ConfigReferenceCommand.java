package io.gridwatch.cli;

import io.gridwatch.config.ConfigReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code gridwatch config-reference}: prints docs/configuration.md, generated from the key catalogue. */
@Command(name = "config-reference", description = "Print the configuration reference (Markdown).")
final class ConfigReferenceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigReference.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
