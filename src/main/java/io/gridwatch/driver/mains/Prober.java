package io.gridwatch.driver.mains;

import io.gridwatch.probe.ProbeResult;
import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * When the sensors of one mains UPS are probed. While every sensor answers, each is probed once per its
 * {@code interval}, as always. The moment any of them is <em>in doubt</em> (a probe has failed and the sensor is
 * not yet counted dark, or a probe has gone unanswered for longer than the retry interval), every sensor that
 * is not already dark is probed every {@code retry} instead, without waiting for the unanswered probe's timeout
 * ("this long" is three of the sensor's last round trips when that is longer, so a slow link alone is no doubt):
 * several probes of a sensor may be out at once (at most {@code fail rounds}). The debounce keeps its meaning,
 * {@code fail_rounds} failed probes in a row, each with its full timeout; they just come closer together, so an
 * outage is seen in about two retries and a timeout instead of two intervals and a timeout. Results count in the
 * order the probes were sent: one that comes back after a later probe's result is stale and ignored.
 * Thread-safe: the scheduler and the probes' threads call in.
 */
final class Prober {
    /** What the prober reports to and asks of the power model. */
    interface Model {
        /** Records sensor {@code index}'s result; true when its debounced state changed. */
        boolean record(int index, ProbeResult result, Instant at);

        /** Failed its last probe(s) but not yet counted dark. */
        boolean failing(int index);

        /** Counted dark. */
        boolean down(int index);
    }

    private static final class Slot {
        final MainsSettings.Sensor sensor;
        final Duration retry;
        Instant lastStart;
        long nextSeq;
        long lastDone = -1;
        final TreeMap<Long, Instant> out = new TreeMap<>();
        long probes;
        Duration rtt = Duration.ZERO;

        /** How long a probe may go unanswered before the sensor is in doubt: the retry, or three round trips when the sensor is that slow. */
        Duration overdue() {
            Duration slow = rtt.multipliedBy(3);
            return slow.compareTo(retry) > 0 ? slow : retry;
        }

        Slot(MainsSettings.Sensor sensor, Duration retry) {
            this.sensor = sensor;
            this.retry = retry;
        }
    }

    private final Slot[] slots;
    private final int maxOut;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Model model;
    private final Runnable changed;
    private Scheduler.Cancellable wake;
    private Instant wakeAt;
    private boolean closed;

    /**
     * @param retry   the time between probes while in doubt (a sensor whose interval is shorter keeps its own)
     * @param maxOut  how many probes of one sensor may be out at once (the fail rounds: enough to decide)
     * @param changed called (outside any lock) when a sensor's debounced state changed, to publish it at once
     */
    Prober(List<MainsSettings.Sensor> sensors, Duration retry, int maxOut, Scheduler scheduler, Executor executor,
           Model model, Runnable changed) {
        this.slots = new Slot[sensors.size()];
        for (int i = 0; i < slots.length; i++) {
            MainsSettings.Sensor s = sensors.get(i);
            slots[i] = new Slot(s, retry.compareTo(s.interval()) < 0 ? retry : s.interval());
        }
        this.maxOut = Math.max(1, maxOut);
        this.scheduler = scheduler;
        this.executor = executor;
        this.model = model;
        this.changed = changed;
    }

    void start() {
        tick();
    }

    void close() {
        Scheduler.Cancellable w;
        synchronized (this) {
            closed = true;
            w = wake;
            wake = null;
        }
        if (w != null) {
            w.cancel();
        }
    }

    /** Probes sent to sensor {@code index} so far (for tests and the benchmark's account of probe traffic). */
    synchronized long probesSent(int index) {
        return slots[index].probes;
    }

    /** Whether any sensor is in doubt at {@code now}. */
    private boolean doubt(Instant now) {
        for (int i = 0; i < slots.length; i++) {
            if (model.down(i)) {
                continue;
            }
            if (model.failing(i)) {
                return true;
            }
            Slot s = slots[i];
            if (!s.out.isEmpty() && !now.isBefore(s.out.firstEntry().getValue().plus(s.overdue()))) {
                return true;
            }
        }
        return false;
    }

    private void tick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            Instant now = scheduler.clock().instant();
            boolean doubt = doubt(now);
            Instant next = null;
            for (int i = 0; i < slots.length; i++) {
                Slot s = slots[i];
                boolean fast = doubt && !model.down(i);
                Instant due = s.lastStart == null ? now : s.lastStart.plus(fast ? s.retry : s.sensor.interval());
                if (!now.isBefore(due) && s.out.size() < maxOut) {
                    launch(i, s, now);
                    due = now.plus(fast ? s.retry : s.sensor.interval());
                }
                if (s.out.size() < maxOut) {
                    next = earliest(next, due);
                }
                if (!doubt && !s.out.isEmpty() && !model.down(i)) {
                    next = earliest(next, s.out.firstEntry().getValue().plus(s.overdue())); // when doubt would begin
                }
            }
            if (next != null && (wakeAt == null || next.isBefore(wakeAt))) {
                if (wake != null) {
                    wake.cancel();
                }
                wakeAt = next;
                Duration delay = Duration.between(now, next);
                wake = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, this::woken);
            }
        }
    }

    private void woken() {
        synchronized (this) {
            wakeAt = null;
            wake = null;
        }
        tick();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private void launch(int index, Slot s, Instant now) {
        long seq = s.nextSeq++;
        s.out.put(seq, now);
        s.lastStart = now;
        s.probes++;
        try {
            executor.execute(new ProbeTask(index, s, seq));
        } catch (RejectedExecutionException e) {
            s.out.remove(seq); // shutting down
        }
    }

    /** One probe of one sensor, run on the executor's thread. */
    final class ProbeTask implements Runnable {
        private final int index;
        private final Slot slot;
        private final long seq;

        ProbeTask(int index, Slot slot, long seq) {
            this.index = index;
            this.slot = slot;
            this.seq = seq;
        }

        MainsSettings.Sensor sensor() {
            return slot.sensor;
        }

        @Override
        public void run() {
            ProbeResult r;
            try {
                r = slot.sensor.probe().probe(slot.sensor.timeout());
            } catch (RuntimeException e) {
                r = ProbeResult.error("probe failed: " + e);
            }
            done(index, slot, seq, r);
        }
    }

    private void done(int index, Slot s, long seq, ProbeResult r) {
        boolean change = false;
        synchronized (this) {
            Instant sent = s.out.remove(seq);
            if (closed) {
                return;
            }
            if (r.outcome() == ProbeResult.Outcome.UP && sent != null) {
                s.rtt = Duration.between(sent, scheduler.clock().instant());
            }
            if (seq > s.lastDone) {
                s.lastDone = seq;
                change = model.record(index, r, scheduler.clock().instant());
            }
        }
        if (change) {
            changed.run();
        }
        tick();
    }
}
