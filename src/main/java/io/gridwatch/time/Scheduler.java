package io.gridwatch.time;

import java.time.Clock;
import java.time.Duration;

/**
 * The time seam: when to run something later, and what time it is. Domain code never sleeps; it asks a
 * Scheduler. Production uses {@link SystemScheduler}; tests use a manual one driven by a fake clock.
 * Tasks must be short: anything that blocks hands itself to its own executor. Implementations are
 * thread-safe.
 */
public interface Scheduler {

    Clock clock();

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay}, then again {@code period} after each run ends. */
    Cancellable repeat(Duration initialDelay, Duration period, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
