package io.gridwatch.probe;

import java.time.Duration;

/**
 * Checks once whether something answers: a host (ICMP echo, TCP connect, HTTP), a GPIO line, a command.
 * Blocks for at most about {@code timeout}; callers run each probe on its own virtual thread, so a slow probe
 * never holds up another. Implementations are thread-safe.
 */
public interface Probe {
    ProbeResult probe(Duration timeout);

    /** What is probed, for display: {@code icmp 192.168.1.1}, {@code tcp nas:22}. */
    String describe();
}
