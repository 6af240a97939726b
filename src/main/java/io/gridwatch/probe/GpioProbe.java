package io.gridwatch.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A GPIO line wired to a mains sensor (the PowMonMan way: a phone charger on mains, through a divider, into a
 * Raspberry Pi pin), read from the sysfs value file ({@code /sys/class/gpio/gpio4/value}). "Present" is a
 * high line, or a low one when {@code activeLow}. For the character device, use a command probe running
 * libgpiod's {@code gpioget}. A file that cannot be read is an error, not a power cut. Thread-safe.
 */
public final class GpioProbe implements Probe {
    private final Path value;
    private final boolean activeLow;

    public GpioProbe(Path value, boolean activeLow) {
        this.value = value;
        this.activeLow = activeLow;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        String v;
        try {
            v = Files.readString(value, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return ProbeResult.error("cannot read " + value + ": " + e.getMessage());
        }
        if (!v.equals("0") && !v.equals("1")) {
            return ProbeResult.error(value + " holds '" + v + "', expected 0 or 1");
        }
        boolean high = v.equals("1");
        return high != activeLow ? ProbeResult.up(Duration.ofNanos(System.nanoTime() - start))
                : ProbeResult.down("mains sensor line " + value + " is " + (high ? "high" : "low"));
    }

    @Override
    public String describe() {
        return "gpio " + value + (activeLow ? " (active low)" : "");
    }
}
