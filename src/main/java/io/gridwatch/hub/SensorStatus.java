package io.gridwatch.hub;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known of one mains sensor of a UPS (a sentinel host, a GPIO line, a command): debounced up/down,
 * since when, the last round-trip time and error. {@code known} is false until the first reading.
 * {@code answeringSince}: since when it has answered every probe without a break (what the restore hysteresis
 * counts), or null while its last probe failed. Immutable.
 */
public record SensorStatus(String name, String target, boolean up, boolean known, Instant since, Duration lastRtt,
                           Instant lastReading, int consecutiveFailures, String lastError, Instant answeringSince) {
}
