package io.gridwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One mains sensor as configured: what to probe and how, with its own interval and timeout. Turned into a
 * probe by the composition root. Immutable.
 */
public sealed interface SensorSpec {
    String name();

    Duration interval();

    Duration timeout();

    /** ICMP echo to a host. */
    record Icmp(String name, String address, Duration interval, Duration timeout) implements SensorSpec {
    }

    /** TCP connect to a port (a refusal counts as an answer). */
    record Tcp(String name, String address, int port, Duration interval, Duration timeout) implements SensorSpec {
    }

    /** HTTP(S) GET expecting a status. */
    record Http(String name, URI url, int expect, Duration interval, Duration timeout) implements SensorSpec {
    }

    /** A command: exit code 0, or output matching a pattern, means mains present. */
    record Command(String name, List<String> command, Pattern presentWhen, Duration interval, Duration timeout)
            implements SensorSpec {
    }

    /** A GPIO line's sysfs value file. */
    record Gpio(String name, Path valueFile, boolean activeLow, Duration interval, Duration timeout)
            implements SensorSpec {
    }

    /** A GPIO line on a character device ({@code /dev/gpiochipN}), read with libgpiod's {@code gpioget}. */
    record GpioChip(String name, String gpioget, String chip, String line, boolean activeLow, Duration interval,
                    Duration timeout) implements SensorSpec {
    }
}
