package io.gridwatch.recovery;

import io.gridwatch.coordination.Coordinator;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.probe.ProbeResult;
import io.gridwatch.time.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings machines back after an outage. When a UPS goes from battery back to line power, a {@link WakePlan} for
 * its hosts is stored; a new outage cancels it (an event per host). Once power has been back for the delay, hosts
 * are woken group by group (storage before hypervisors): a group starts only when every host of the previous
 * group answers or has given up, plus that group's {@code group_wait}. A host that already answers its probe is
 * skipped; the others get a magic packet and are probed again, with more packets and doubling waits, until they
 * answer or the attempts run out. Every step is stored before it is announced, so a settings change (a new
 * planner) or a restart carries on with the same attempt; every step is a hub event. A tick once a second drives
 * it; probes run on the probe executor. Thread-safe.
 */
public final class RecoveryPlanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryPlanner.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    /** What a wake by hand did. */
    public record ManualWake(boolean sent, String reason) {
    }

    private final UpsHub hub;
    private final List<WakeHost> hosts;
    private final RecoverySettings settings;
    private final WakeSender sender;
    private final Scheduler scheduler;
    private final Executor probes;
    private final RecoveryStore store;
    private final Coordinator site;
    private AutoCloseable subscription;
    private Scheduler.Cancellable ticks;
    private volatile boolean closed;

    public RecoveryPlanner(UpsHub hub, List<WakeHost> hosts, RecoverySettings settings, WakeSender sender,
                           Scheduler scheduler, Executor probes, RecoveryStore store) {
        this(hub, hosts, settings, sender, scheduler, probes, store, Coordinator.alone("this server"));
    }

    /**
     * @param site who wakes the site's hosts: a server that does not lead keeps its plans but sends nothing (it
     *             carries on from the same attempts if it comes to lead: a packet the old leader sent is not sent
     *             again)
     */
    public RecoveryPlanner(UpsHub hub, List<WakeHost> hosts, RecoverySettings settings, WakeSender sender,
                           Scheduler scheduler, Executor probes, RecoveryStore store, Coordinator site) {
        this.site = site;
        this.hub = hub;
        this.hosts = List.copyOf(hosts);
        this.settings = settings;
        this.sender = sender;
        this.scheduler = scheduler;
        this.probes = probes;
        this.store = store;
    }

    /** Follows the hub and carries on with the wake-ups in the store. */
    public void start() {
        subscription = hub.subscribe("recovery", this::onEvent);
        store.plans().forEach((ups, plan) -> LOG.info("carrying on with the wake-up of UPS [{}]'s hosts ({} to go)",
                ups, plan.hosts().values().stream().filter(p -> !p.step().finished()).count()));
        ticks = scheduler.repeat(Duration.ZERO, TICK, this::tick);
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

    /** Plans the wake-up of a UPS's automatic hosts, {@code delay} after {@code powerBack}. */
    public void plan(UpsName ups, Instant powerBack) {
        Map<String, WakePlan.Progress> progress = new LinkedHashMap<>();
        for (WakeHost h : hostsOf(ups)) {
            progress.put(h.name(), new WakePlan.Progress(WakePlan.Step.WAITING, 0, null, powerBack));
        }
        if (progress.isEmpty()) {
            return;
        }
        Instant wakeAt = powerBack.plus(settings.delay());
        store.plan(ups.value(), new WakePlan(powerBack, wakeAt, null, null, progress));
        hub.publish(new UpsEvent.WakePlanned(ups, scheduler.clock().instant(), wakeAt, List.copyOf(progress.keySet())));
        LOG.info("power back on UPS [{}]: waking {} at {}", ups, progress.keySet(), wakeAt);
    }

    private void cancel(UpsName ups, String reason) {
        List<String> open;
        synchronized (store) {
            Optional<WakePlan> plan = store.plan(ups.value());
            if (plan.isEmpty()) {
                return;
            }
            open = plan.get().hosts().entrySet().stream().filter(x -> !x.getValue().step().finished())
                    .map(Map.Entry::getKey).toList();
            store.plan(ups.value(), null);
        }
        Instant now = scheduler.clock().instant();
        open.forEach(h -> hub.publish(new UpsEvent.WakeCancelled(ups, now, h, reason)));
        LOG.info("wake-up of UPS [{}]'s hosts {} cancelled: {}", ups, open, reason);
    }

    /** One step of every plan: start the next group when its time comes, check the hosts that are due. */
    void tick() {
        if (closed || !site.leading()) {
            return;
        }
        Instant now = scheduler.clock().instant();
        for (String ups : store.plans().keySet()) {
            List<WakeHost> due;
            synchronized (store) {
                due = advance(UpsName.of(ups), now);
            }
            due.forEach(this::check);
        }
    }

    /** Brings one plan to {@code now}; returns the hosts to check. Called holding the store's lock. */
    private List<WakeHost> advance(UpsName ups, Instant now) {
        WakePlan plan = store.plan(ups.value()).orElse(null);
        if (plan == null || now.isBefore(plan.wakeAt())) {
            return List.of();
        }
        plan = dropUnknownHosts(ups, plan);
        Integer group = plan.hosts().entrySet().stream().filter(e -> !e.getValue().step().finished())
                .map(e -> host(e.getKey()).map(WakeHost::group).orElse(Integer.MAX_VALUE)).min(Integer::compare)
                .orElse(null);
        if (group == null) {
            finish(ups, plan, now);
            return List.of();
        }
        if (!group.equals(plan.activeGroup())) {
            Instant startsAt = plan.activeGroup() == null ? plan.wakeAt()
                    : doneAt(plan, plan.activeGroup(), now).plus(groupWait(plan.activeGroup()));
            if (plan.activeGroup() != null) {
                LOG.info("UPS [{}]: group {} is done; group {} starts at {}", ups, plan.activeGroup(), group, startsAt);
            }
            plan = plan.group(group, startsAt);
            store.plan(ups.value(), plan);
        }
        if (now.isBefore(plan.groupStartsAt())) {
            return List.of();
        }
        List<WakeHost> due = new ArrayList<>();
        for (Map.Entry<String, WakePlan.Progress> e : plan.hosts().entrySet()) {
            WakePlan.Progress p = e.getValue();
            WakeHost h = host(e.getKey()).orElse(null);
            if (h != null && h.group() == group && !p.step().finished()
                    && (p.nextCheck() == null || !now.isBefore(p.nextCheck())) && store.claim(ups.value(), h.name())) {
                due.add(h);
            }
        }
        return due;
    }

    private WakePlan dropUnknownHosts(UpsName ups, WakePlan plan) {
        WakePlan out = plan;
        for (String name : plan.hosts().keySet()) {
            if (host(name).isEmpty() && !plan.hosts().get(name).step().finished()) {
                LOG.info("UPS [{}]: host {} is no longer configured for Wake-on-LAN; not waking it", ups, name);
                out = out.without(name);
            }
        }
        if (out != plan) {
            store.plan(ups.value(), out);
        }
        return out;
    }

    /** When the last host of {@code group} answered or gave up. */
    private Instant doneAt(WakePlan plan, int group, Instant now) {
        return plan.hosts().entrySet().stream()
                .filter(e -> host(e.getKey()).map(h -> h.group() == group).orElse(false))
                .map(e -> e.getValue().changedAt()).max(Instant::compareTo).orElse(now);
    }

    private Duration groupWait(int group) {
        return hosts.stream().filter(h -> h.group() == group).map(WakeHost::groupWait).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    private void finish(UpsName ups, WakePlan plan, Instant now) {
        store.plan(ups.value(), null);
        List<String> awake = plan.hosts().entrySet().stream().filter(e -> e.getValue().step() == WakePlan.Step.AWAKE)
                .map(Map.Entry::getKey).toList();
        List<String> failed = plan.hosts().entrySet().stream()
                .filter(e -> e.getValue().step() == WakePlan.Step.FAILED).map(Map.Entry::getKey).toList();
        hub.publish(new UpsEvent.WakeFinished(ups, now, awake, failed));
        LOG.info("wake-up of UPS [{}]'s hosts finished: awake {}, not woken {}", ups, awake, failed);
    }

    /** Probes a claimed host off the tick's thread, then records what follows: awake, given up, or one more packet. */
    private void check(WakeHost h) {
        UpsName ups = UpsName.of(h.ups());
        try {
            probes.execute(() -> {
                try {
                    ProbeResult r = h.probe().probe(settings.probeTimeout());
                    if (closed || Thread.currentThread().isInterrupted()) {
                        return; // stopping (settings change, shutdown): the next planner checks this host again
                    }
                    record(ups, h, r);
                } finally {
                    store.release(ups.value(), h.name());
                }
            });
        } catch (RejectedExecutionException e) {
            store.release(ups.value(), h.name());
        }
    }

    private void record(UpsName ups, WakeHost h, ProbeResult probe) {
        boolean up = probe.outcome() == ProbeResult.Outcome.UP;
        UpsEvent event;
        synchronized (store) {
            WakePlan plan = store.plan(ups.value()).orElse(null);
            WakePlan.Progress p = plan == null ? null : plan.hosts().get(h.name());
            if (p == null || p.step().finished()) {
                return; // cancelled, or finished meanwhile
            }
            Instant now = scheduler.clock().instant();
            if (up) {
                store.plan(ups.value(), plan.with(h.name(), new WakePlan.Progress(WakePlan.Step.AWAKE, p.packets(), null,
                        now)));
                event = new UpsEvent.HostAwake(ups, now, h.name(), p.packets() == 0);
            } else if (p.packets() >= settings.attempts()) {
                store.plan(ups.value(), plan.with(h.name(), new WakePlan.Progress(WakePlan.Step.FAILED, p.packets(),
                        null, now)));
                event = new UpsEvent.WakeFailed(ups, now, h.name(), "no answer after " + p.packets() + " magic packet"
                        + (p.packets() == 1 ? "" : "s") + (probe.outcome() == ProbeResult.Outcome.ERROR
                        ? " (its probe cannot run: " + probe.detail() + ")" : ""));
            } else {
                int attempt = p.packets() + 1;
                String ref = ups.value() + "/" + h.name() + "#" + attempt + "@" + plan.powerBack();
                Coordinator.Decision d = site.claim("wake", h.name() + "#" + attempt, plan.powerBack(), ref);
                if (d == Coordinator.Decision.NOT_LEADING) {
                    return; // the lease went: whoever leads sends it
                }
                String error = d == Coordinator.Decision.DONE_ELSEWHERE ? null : send(h);
                if (d == Coordinator.Decision.DONE_ELSEWHERE) {
                    LOG.info("magic packet {} for {} was already sent by another server of the site", attempt,
                            h.name());
                } else if (error == null) {
                    site.done(ref);
                }
                // a packet that could not be sent still counts as an attempt, so a broken network cannot loop forever
                store.plan(ups.value(), plan.with(h.name(), new WakePlan.Progress(WakePlan.Step.SENT, attempt,
                        now.plus(backoff(attempt)), now)));
                event = error == null ? new UpsEvent.WakeSent(ups, now, h.name(), attempt,
                        d == Coordinator.Decision.DONE_ELSEWHERE ? "power back; sent by another server of the site"
                                : "power back")
                        : new UpsEvent.WakeFailed(ups, now, h.name(), "magic packet " + attempt + " not sent: " + error);
            }
        }
        hub.publish(event);
    }

    /** Sends one magic packet; returns null, or why it could not be sent. */
    private String send(WakeHost h) {
        try {
            sender.send(h.mac(), h.target());
            return null;
        } catch (IOException e) {
            LOG.warn("cannot send the magic packet for {} to {}: {}", h.name(), h.target(), e.getMessage());
            return e.getMessage();
        }
    }

    /**
     * Wakes one host now, by hand: probes it first, and sends one magic packet unless it already answers. Empty
     * when there is no such host with a MAC. Blocks for the probe (up to the probe timeout).
     */
    public Optional<ManualWake> wakeNow(String host, String by) {
        Optional<WakeHost> found = hosts.stream().filter(x -> x.name().equals(host)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WakeHost h = found.get();
        ProbeResult r = h.probe().probe(settings.probeTimeout());
        if (r.outcome() == ProbeResult.Outcome.UP) {
            return Optional.of(new ManualWake(false, "it already answers its probe (" + h.probe().describe() + ")"));
        }
        String error = send(h);
        if (error != null) {
            return Optional.of(new ManualWake(false, "the magic packet could not be sent to "
                    + h.target().getHostString() + ":" + h.target().getPort() + ": " + error));
        }
        hub.publish(new UpsEvent.WakeSent(UpsName.of(h.ups()), scheduler.clock().instant(), h.name(), 1, by));
        return Optional.of(new ManualWake(true, "magic packet sent to " + h.target().getHostString() + ":"
                + h.target().getPort()));
    }

    private Duration backoff(int attempt) {
        Duration d = settings.verifyAfter().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private Optional<WakeHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    private List<WakeHost> hostsOf(UpsName ups) {
        return hosts.stream().filter(h -> h.ups().equalsIgnoreCase(ups.value()) && h.auto()).toList();
    }

    public List<WakeHost> hosts() {
        return hosts;
    }

    /**
     * Stops following the hub and ticking; the plans stay in the store for the next planner. A check already
     * under way still records its result (the packet it sent is real).
     */
    @Override
    public void close() throws Exception {
        closed = true;
        if (ticks != null) {
            ticks.cancel();
        }
        if (subscription != null) {
            subscription.close();
        }
    }
}
