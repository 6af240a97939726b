package io.gridwatch.probe;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command that tells whether mains power is present: by its exit code (0 = present), or, with a pattern, by
 * whether its output matches. A command that cannot be run, or runs past the timeout, gives an error, not a
 * verdict. Output is read up to 64 KB. Thread-safe.
 */
public final class CommandProbe implements Probe {
    private final List<String> command;
    private final Pattern presentWhen;

    /** @param presentWhen null to use the exit code */
    public CommandProbe(List<String> command, Pattern presentWhen) {
        this.command = List.copyOf(command);
        this.presentWhen = presentWhen;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        ProcessRun.Outcome o = ProcessRun.run(command, timeout);
        if (o.failed()) {
            return ProbeResult.error(o.error());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (presentWhen != null) {
            return presentWhen.matcher(o.output()).find() ? ProbeResult.up(took)
                    : ProbeResult.down("output '" + ProcessRun.abbreviate(o.output()) + "' does not match " + presentWhen);
        }
        return o.exitCode() == 0 ? ProbeResult.up(took) : ProbeResult.down("exit code " + o.exitCode());
    }

    @Override
    public String describe() {
        return "command " + String.join(" ", command);
    }
}
