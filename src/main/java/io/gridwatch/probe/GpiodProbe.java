package io.gridwatch.probe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A GPIO line read through the kernel's character device ({@code /dev/gpiochipN}), the interface that replaces
 * sysfs GPIO on current kernels, by libgpiod's {@code gpioget} (Debian package {@code gpiod}). Both generations
 * of the tool are understood: libgpiod 1.x ({@code gpioget gpiochip0 4}, prints {@code 1}) and 2.x
 * ({@code gpioget --numeric --chip gpiochip0 4}); the first call finds out which one is installed. "Present" is a
 * high line, or a low one when {@code activeLow}. A tool that cannot be run or a line that cannot be read is an
 * error, never a power cut. Thread-safe.
 */
public final class GpiodProbe implements Probe {
    private enum Syntax { UNKNOWN, V1, V2 }

    private final String gpioget;
    private final String chip;
    private final String line;
    private final boolean activeLow;
    private final AtomicReference<Syntax> syntax = new AtomicReference<>(Syntax.UNKNOWN);

    public GpiodProbe(String gpioget, String chip, String line, boolean activeLow) {
        this.gpioget = gpioget;
        this.chip = chip;
        this.line = line;
        this.activeLow = activeLow;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        Syntax s = syntax.get();
        ProcessRun.Outcome o;
        if (s == Syntax.UNKNOWN) {
            o = ProcessRun.run(command(Syntax.V1), timeout);
            if (!o.failed() && level(o) != null) {
                syntax.set(Syntax.V1);
            } else if (!o.failed()) {
                ProcessRun.Outcome v2 = ProcessRun.run(command(Syntax.V2), timeout);
                if (!v2.failed() && level(v2) != null) {
                    syntax.set(Syntax.V2);
                }
                o = v2;
            }
        } else {
            o = ProcessRun.run(command(s), timeout);
        }
        if (o.failed()) {
            return ProbeResult.error(o.error());
        }
        Boolean high = level(o);
        if (high == null) {
            return ProbeResult.error(gpioget + " could not read line " + line + " of " + chip + ": "
                    + ProcessRun.abbreviate(o.output()));
        }
        return high != activeLow ? ProbeResult.up(Duration.ofNanos(System.nanoTime() - start))
                : ProbeResult.down("mains sensor line " + line + " of " + chip + " is " + (high ? "high" : "low"));
    }

    private List<String> command(Syntax s) {
        return s == Syntax.V2 ? List.of(gpioget, "--numeric", "--chip", chip, line) : List.of(gpioget, chip, line);
    }

    /** The line's level from a successful run: {@code 0}/{@code 1}, or 2.x's {@code "4"=active}; else null. */
    static Boolean level(ProcessRun.Outcome o) {
        if (o.exitCode() != 0) {
            return null;
        }
        String out = o.output().strip().toLowerCase(Locale.ROOT);
        int eq = out.lastIndexOf('=');
        String v = eq >= 0 ? out.substring(eq + 1) : out;
        return switch (v) {
            case "1", "active" -> true;
            case "0", "inactive" -> false;
            default -> null;
        };
    }

    @Override
    public String describe() {
        return "gpio line " + line + " of " + chip + (activeLow ? " (active low)" : "");
    }
}
