package io.gridwatch.recovery;

import java.time.Duration;

/**
 * How hosts are woken after power returns: after power has been back for {@code delay}; each host up to
 * {@code attempts} packets, the first wait for its probe {@code verifyAfter}, doubling up to
 * {@code maxBackoff}. Immutable.
 */
public record RecoverySettings(Duration delay, int attempts, Duration verifyAfter, Duration maxBackoff,
                               Duration probeTimeout) {

    public static RecoverySettings defaults() {
        return new RecoverySettings(Duration.ofMinutes(5), 5, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(2));
    }
}
