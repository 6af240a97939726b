package io.gridwatch.recovery;

import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.probe.ProbeResult;
import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings machines back after an outage: when a UPS goes from battery back to line power, a wake-up is planned
 * for its hosts after the configured delay (persisted, so a restart does not lose it); a new outage before
 * then cancels it. At the time, hosts are taken group by group (storage before hypervisors): a host that
 * already answers its probe is skipped, the others get a magic packet and are probed again, with more packets
 * and doubling waits until they answer or the attempts run out. Every step is a hub event. Thread-safe: hub
 * events, scheduler ticks and probes may call in from different threads.
 */
public final class RecoveryPlanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryPlanner.class);

    private final UpsHub hub;
    private final List<WakeHost> hosts;
    private final RecoverySettings settings;
    private final WakeSender sender;
    private final Scheduler scheduler;
    private final Executor probes;
    private final PowerStateStore store;
    private final Map<String, Integer> generation = new HashMap<>();
    private AutoCloseable subscription;
    private volatile boolean closed;

    public RecoveryPlanner(UpsHub hub, List<WakeHost> hosts, RecoverySettings settings, WakeSender sender,
                           Scheduler scheduler, Executor probes, PowerStateStore store) {
        this.hub = hub;
        this.hosts = List.copyOf(hosts);
        this.settings = settings;
        this.sender = sender;
        this.scheduler = scheduler;
        this.probes = probes;
        this.store = store;
    }

    /** Resumes wake-ups pending at the last stop, then follows the hub. */
    public void start() {
        for (UpsName ups : hub.names()) {
            store.wake(ups.value()).ifPresent(w -> resume(ups, w));
        }
        subscription = hub.subscribe("recovery", this::onEvent);
    }

    private void onEvent(UpsEvent e) {
        if (e instanceof UpsEvent.StatusChanged s) {
            boolean wasOnBattery = s.from().onBattery();
            boolean onBattery = s.to().onBattery();
            if (onBattery && !wasOnBattery) {
                cancel(s.ups(), "power failed again");
            } else if (wasOnBattery && !onBattery) {
                plan(s.ups(), e.at());
            }
        }
    }

    /** Plans the wake-up of a UPS's automatic hosts after the delay. */
    public void plan(UpsName ups, Instant powerBack) {
        List<String> names = hostsOf(ups, true).stream().map(WakeHost::name).toList();
        if (names.isEmpty()) {
            return;
        }
        Instant wakeAt = powerBack.plus(settings.delay());
        store.wake(ups.value(), new PowerStateStore.WakeState(powerBack, wakeAt, Set.of()));
        hub.publish(new UpsEvent.WakePlanned(ups, scheduler.clock().instant(), wakeAt, names));
        LOG.info("power back on UPS [{}]: waking {} at {}", ups, names, wakeAt);
        schedule(ups, nextGeneration(ups), wakeAt);
    }

    private void resume(UpsName ups, PowerStateStore.WakeState w) {
        LOG.info("resuming the wake-up of UPS [{}]'s hosts planned for {}", ups, w.wakeAt());
        schedule(ups, nextGeneration(ups), w.wakeAt());
    }

    private void schedule(UpsName ups, int gen, Instant at) {
        Duration wait = Duration.between(scheduler.clock().instant(), at);
        scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> runGroups(ups, gen));
    }

    private synchronized int nextGeneration(UpsName ups) {
        return generation.merge(ups.value(), 1, Integer::sum);
    }

    private synchronized boolean current(UpsName ups, int gen) {
        return !closed && generation.getOrDefault(ups.value(), 0) == gen;
    }

    private void cancel(UpsName ups, String reason) {
        nextGeneration(ups);
        if (store.wake(ups.value()).isPresent()) {
            store.wake(ups.value(), null);
            hub.publish(new UpsEvent.WakeCancelled(ups, scheduler.clock().instant(), reason));
            LOG.info("wake-up of UPS [{}]'s hosts cancelled: {}", ups, reason);
        }
    }

    private void runGroups(UpsName ups, int gen) {
        Set<String> done = store.wake(ups.value()).map(PowerStateStore.WakeState::done).orElse(Set.of());
        TreeMap<Integer, List<WakeHost>> groups = new TreeMap<>();
        for (WakeHost h : hostsOf(ups, true)) {
            if (!done.contains(h.name())) {
                groups.computeIfAbsent(h.group(), k -> new ArrayList<>()).add(h);
            }
        }
        runGroup(ups, gen, new ArrayList<>(groups.values()), 0);
    }

    private void runGroup(UpsName ups, int gen, List<List<WakeHost>> groups, int index) {
        if (!current(ups, gen)) {
            return;
        }
        if (index >= groups.size()) {
            store.wake(ups.value(), null);
            return;
        }
        List<WakeHost> group = groups.get(index);
        Duration wait = group.stream().map(WakeHost::groupWait).max(Duration::compareTo).orElse(Duration.ZERO);
        group.forEach(h -> wake(h, 1, "power back", () -> markDone(ups, h.name()), gen));
        scheduler.schedule(wait, () -> runGroup(ups, gen, groups, index + 1));
    }

    private void markDone(UpsName ups, String host) {
        Optional<PowerStateStore.WakeState> w = store.wake(ups.value());
        w.ifPresent(s -> {
            Set<String> done = new LinkedHashSet<>(s.done());
            done.add(host);
            store.wake(ups.value(), new PowerStateStore.WakeState(s.powerBack(), s.wakeAt(), done));
        });
    }

    /** Wakes one host now, by hand; false when there is no such host. */
    public boolean wakeNow(String host, String by) {
        Optional<WakeHost> h = hosts.stream().filter(x -> x.name().equals(host)).findFirst();
        h.ifPresent(x -> wake(x, 1, by, () -> { }, -1));
        return h.isPresent();
    }

    /** Attempt {@code attempt} on {@code h}: probe, and if it does not answer, send and check later. */
    private void wake(WakeHost h, int attempt, String by, Runnable done, int gen) {
        UpsName ups = UpsName.of(h.ups());
        probes.execute(() -> {
            if (closed || gen >= 0 && !current(ups, gen)) {
                return;
            }
            if (h.probe().probe(settings.probeTimeout()).outcome() == ProbeResult.Outcome.UP) {
                hub.publish(new UpsEvent.HostAwake(ups, scheduler.clock().instant(), h.name(), attempt == 1));
                done.run();
                return;
            }
            if (attempt > settings.attempts()) {
                hub.publish(new UpsEvent.WakeFailed(ups, scheduler.clock().instant(), h.name(),
                        "no answer after " + settings.attempts() + " magic packets"));
                done.run();
                return;
            }
            try {
                sender.send(h.mac(), h.target());
                hub.publish(new UpsEvent.WakeSent(ups, scheduler.clock().instant(), h.name(), attempt, by));
            } catch (java.io.IOException e) {
                LOG.warn("cannot send the magic packet for {} to {}: {}", h.name(), h.target(), e.getMessage());
            }
            scheduler.schedule(backoff(attempt), () -> wake(h, attempt + 1, by, done, gen));
        });
    }

    private Duration backoff(int attempt) {
        Duration d = settings.verifyAfter().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private List<WakeHost> hostsOf(UpsName ups, boolean autoOnly) {
        return hosts.stream().filter(h -> h.ups().equalsIgnoreCase(ups.value()) && (!autoOnly || h.auto())).toList();
    }

    public List<WakeHost> hosts() {
        return hosts;
    }

    /** Stops following the hub; wake-ups in progress stop too (a successor resumes them from the store). */
    @Override
    public void close() throws Exception {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
