package io.gridwatch.app;

import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been started, to be stopped in reverse order. Stopping goes on past a part that fails to stop (the
 * failure is logged), so one stuck part never keeps the others running. Thread-safe.
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Remembers {@code part} (to stop it on close) and gives it back. */
    synchronized <T extends AutoCloseable> T push(T part) {
        started.push(part);
        return part;
    }

    /** Runs {@code task} every {@code period}, from one period on, until close. */
    void every(Scheduler scheduler, Duration period, Runnable task) {
        Scheduler.Cancellable c = scheduler.repeat(period, period, task);
        push(c::cancel);
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable part;
            synchronized (this) {
                part = started.poll();
            }
            if (part == null) {
                return;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", part, e);
            }
        }
    }
}
