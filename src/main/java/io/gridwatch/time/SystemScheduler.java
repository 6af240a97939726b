package io.gridwatch.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Scheduler}: the system clock and a small pool of daemon threads. A task that throws is
 * logged and, for repeating tasks, keeps repeating. Thread-safe.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler(Clock clock, int threads) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** A closed scheduler runs nothing more: late requests during shutdown are dropped quietly. */
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(guard(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return NOTHING;
        }
    }

    @Override
    public Cancellable repeat(Duration initialDelay, Duration period, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.scheduleWithFixedDelay(guard(task), initialDelay.toNanos(),
                    period.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return NOTHING;
        }
    }

    private static final Cancellable NOTHING = () -> { };

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("scheduled task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
