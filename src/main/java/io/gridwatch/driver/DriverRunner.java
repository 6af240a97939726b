package io.gridwatch.driver;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DriverStatus;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Driver}: opens it (retrying with exponential backoff), polls it, publishes its state to the
 * hub, reports failures as stale data (or DRIVER-NOT-CONNECTED before the first success), watches for a poll
 * that hangs, and relays SET VAR / INSTCMD. All driver calls go through one serial executor, so they never
 * overlap; scheduling comes from the injected {@link Scheduler}, so tests drive it with a fake clock.
 */
public final class DriverRunner implements CommandSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRunner.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /**
     * The longest wait between two attempts: short, so that a UPS whose upstream or device answers again is back
     * within seconds (an open is one connection attempt; a dead upstream costs little).
     */
    static final Duration MAX_RETRY = Duration.ofSeconds(4);
    /** While a driver keeps failing the same way, the log repeats it this often (each attempt is DEBUG). */
    static final Duration LOG_AGAIN_AFTER = Duration.ofMinutes(5);

    private final UpsName name;
    private final Driver driver;
    private final UpsHub hub;
    private final Scheduler scheduler;
    private final Executor serial;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean open;
    private volatile boolean everOpened;
    private volatile boolean closed;
    private volatile Duration retryDelay = FIRST_RETRY;
    private volatile String lastLogged;
    private volatile java.time.Instant lastLoggedAt = java.time.Instant.MIN;
    private volatile int failures;
    private volatile Scheduler.Cancellable pollTask;
    private volatile Scheduler.Cancellable watchdog;
    private volatile Scheduler.Cancellable retryTask;

    /**
     * @param serial runs driver calls one at a time (a single-thread executor in production; a direct one in
     *               tests)
     */
    public DriverRunner(UpsName name, Driver driver, UpsHub hub, Scheduler scheduler, Executor serial) {
        this.name = name;
        this.driver = driver;
        this.hub = hub;
        this.scheduler = scheduler;
        this.serial = serial;
    }

    public void start() {
        driver.onChange(this::pollSoon);
        Duration interval = driver.pollInterval();
        watchdog = scheduler.repeat(interval, interval, () -> hub.checkStaleness(name));
        retryTask = scheduler.schedule(Duration.ZERO, () -> submit(this::tryOpen));
    }

    /** Polls now (after a command, or when a driver knows its state changed). */
    public void pollSoon() {
        submit(this::pollOnce);
    }

    private void submit(Runnable task) {
        if (closed || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            serial.execute(() -> {
                try {
                    task.run();
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            busy.set(false); // shutting down
        }
    }

    private void tryOpen() {
        if (closed) {
            return;
        }
        Reading first;
        try {
            first = driver.open(drilling());
        } catch (Exception e) {
            failed("cannot open: " + message(e));
            return;
        }
        open = true;
        everOpened = true;
        retryDelay = FIRST_RETRY;
        publish(first);
        LOG.info("UPS [{}]: driver connected{}", name, failures > 0 ? " after " + failures + " failed attempt(s)" : "");
        failures = 0;
        lastLogged = null;
        Duration interval = driver.pollInterval();
        pollTask = scheduler.repeat(interval, interval, () -> submit(this::pollOnce));
    }

    private void pollOnce() {
        if (closed || !open) {
            return;
        }
        try {
            publish(driver.poll(drilling()));
        } catch (Exception e) {
            open = false;
            cancel(pollTask);
            driver.close();
            failed(message(e));
        }
    }

    private void failed(String reason) {
        if (closed) {
            return;
        }
        DriverStatus status = everOpened ? DriverStatus.STALE : DriverStatus.NOT_CONNECTED;
        hub.driverStatus(name, status, reason);
        failures++;
        java.time.Instant now = scheduler.clock().instant();
        if (!reason.equals(lastLogged) || !now.isBefore(lastLoggedAt.plus(LOG_AGAIN_AFTER))) {
            LOG.warn("UPS [{}]: {}; retrying every {} s at most{}", name, reason, MAX_RETRY.toSeconds(),
                    failures > 1 ? " (" + failures + " attempts so far)" : "");
            lastLogged = reason;
            lastLoggedAt = now;
        } else {
            LOG.debug("UPS [{}]: {} (attempt {})", name, reason, failures);
        }
        Duration delay = retryDelay;
        retryDelay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        retryTask = scheduler.schedule(delay, () -> submit(this::tryOpen));
    }

    @Override
    public CompletableFuture<CommandResult> setVar(String var, String value) {
        return call(() -> driver.setVar(var, value));
    }

    @Override
    public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
        return call(() -> driver.instCmd(cmd, param));
    }

    private interface Call {
        CommandResult run() throws Exception;
    }

    private CompletableFuture<CommandResult> call(Call call) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            serial.execute(() -> run(call, result));
        } catch (RejectedExecutionException e) {
            result.complete(CommandResult.FAILED);
        }
        return result;
    }

    private void run(Call call, CompletableFuture<CommandResult> result) {
        if (!open || closed) {
            result.complete(CommandResult.FAILED);
            return;
        }
        CommandResult r;
        try {
            r = call.run();
        } catch (Exception e) {
            LOG.warn("UPS [{}]: command failed: {}", name, message(e));
            result.complete(CommandResult.FAILED);
            return;
        }
        pollAfterChange();
        result.complete(r); // after the poll: a client told SUCCESS then sees the new state
    }

    @Override
    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                if (open && !closed) {
                    pollAfterChange();
                }
                done.complete(null);
            });
        } catch (RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    /** A poll outside the regular loop; a failure here is left to the next regular poll to handle. */
    private void pollAfterChange() {
        try {
            publish(driver.poll(drilling()));
        } catch (Exception e) {
            LOG.debug("UPS [{}]: poll after a change failed: {}", name, message(e));
        }
    }

    /** Whether the hub has a drill in progress on this UPS: what the driver is told on each read. */
    private boolean drilling() {
        return hub.snapshot(name).drilling();
    }

    /** One reading, one step in the hub: the state (when there is one) and the sensors (when the driver has any). */
    private void publish(Reading r) {
        hub.update(name, r.state(), r.sensors());
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    /** Stops the driver: from now on clients get DRIVER-NOT-CONNECTED for this UPS. */
    @Override
    public void close() {
        closed = true;
        cancel(pollTask);
        cancel(watchdog);
        cancel(retryTask);
        hub.driverStatus(name, DriverStatus.NOT_CONNECTED, UpsHub.DRIVER_STOPPED);
        try {
            serial.execute(driver::close);
        } catch (RejectedExecutionException e) {
            driver.close();
        }
    }
}
