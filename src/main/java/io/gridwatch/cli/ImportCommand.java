package io.gridwatch.cli;

import io.gridwatch.app.Credentials;
import io.gridwatch.config.PowerManagerImport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch import power-manager FILE > gridwatch.yaml}: converts UPS_Server_Docker's config. The YAML goes
 * to stdout, what could not be carried over to stderr.
 */
@Command(name = "import", description = "Convert another tool's configuration to Gridwatch's (YAML on stdout).")
final class ImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "power-manager (UPS_Server_Docker's power_manager.conf)")
    String format;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!format.equals("power-manager")) {
            err.println("Error: unknown format '" + format + "': use power-manager");
            return 2;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Error: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        PowerManagerImport.Result r = PowerManagerImport.convert(text, file.getFileName().toString(),
                () -> Credentials.generate(20));
        spec.commandLine().getOut().print(r.yaml());
        spec.commandLine().getOut().flush();
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        return 0;
    }
}
