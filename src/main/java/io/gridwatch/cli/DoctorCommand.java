package io.gridwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch doctor [--config FILE]}: checks what a server needs from this machine (configuration, ports,
 * raw ICMP, broadcast, clock, data folder) and prints each finding with what to fix; exit 1 when any check
 * failed. Run it before starting the service, and again when something does not work.
 */
@Command(name = "doctor", description = "Check this machine for what Gridwatch needs, and say what to fix.")
final class DoctorCommand implements Callable<Integer> {
    static final Path PACKAGED = Path.of("/etc/gridwatch/gridwatch.yaml");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration to check (default: /etc/gridwatch/gridwatch.yaml when it exists).")
    Path config;

    @Override
    public Integer call() {
        Path file = config != null ? config : Files.isReadable(PACKAGED) ? PACKAGED : null;
        PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            out.println("(no configuration given and none at " + PACKAGED + ": checking the machine only)");
        }
        List<Doctor.Finding> findings = Doctor.run(file);
        for (Doctor.Finding f : findings) {
            out.printf("%-4s %-9s %s%n", f.outcome(), f.check(), f.detail());
            if (!f.fix().isEmpty()) {
                out.printf("               fix: %s%n", f.fix());
            }
        }
        long failed = findings.stream().filter(f -> f.outcome() == Doctor.Outcome.FAIL).count();
        long warned = findings.stream().filter(f -> f.outcome() == Doctor.Outcome.WARN).count();
        out.printf("%s: %d failed, %d warning(s)%n", failed == 0 ? "ready" : "not ready", failed, warned);
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
