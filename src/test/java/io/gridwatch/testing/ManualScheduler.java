package io.gridwatch.testing;

import io.gridwatch.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a {@link ManualClock}: nothing runs until the test calls {@link #advance}, which
 * moves the clock step by step and runs each task when its time comes, on the test's thread. Deterministic.
 */
public final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long sequence;

    private final class Task implements Comparable<Task>, Cancellable {
        Instant due;
        final long seq = sequence++;
        final Duration period;
        final Runnable action;
        boolean cancelled;

        Task(Instant due, Duration period, Runnable action) {
            this.due = due;
            this.period = period;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), null, task);
        queue.add(t);
        return t;
    }

    @Override
    public synchronized Cancellable repeat(Duration initialDelay, Duration period, Runnable task) {
        Task t = new Task(clock.instant().plus(initialDelay), period, task);
        queue.add(t);
        return t;
    }

    /** Runs what is due now without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(end)) {
                    break;
                }
                queue.poll();
            }
            if (next.cancelled) {
                continue;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.action.run();
            if (next.period != null && !next.cancelled) {
                synchronized (this) {
                    next.due = clock.instant().plus(next.period);
                    queue.add(next);
                }
            }
        }
        clock.set(end);
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }
}
