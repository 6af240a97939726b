package io.gridwatch.agentless;

import io.gridwatch.agent.AgentAction;
import io.gridwatch.agent.AgentConfig;
import io.gridwatch.agent.AgentInput;
import io.gridwatch.agent.AgentReport;
import io.gridwatch.agent.AgentState;
import io.gridwatch.agent.PowerStateMachine;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.coordination.Coordinator;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as the agent of machines that cannot run one: for each host with {@code shutdown.ssh}, the agent's own
 * decisions ({@link PowerStateMachine}, as a secondary of the host's UPS read straight from the hub: the host's delay,
 * drills it may ignore, low battery, FSD, DEADTIME) run here every half second; when they call for the shutdown, the
 * host's command runs over SSH ({@link SshShell}). A connection that fails is retried every few seconds for
 * {@code retry_for}; before each attempt the UPS is read again, and once it is back on line (without FSD) nothing is
 * run. Progress is reported like an agent's (source {@code ssh}): pending with the seconds left, shutting down, then
 * {@code shut_down} or {@code shutdown_failed} with the exit status and the end of the output. A successor built after
 * a configuration change carries on: a countdown runs from the outage's start, an unfinished shutdown is taken up
 * again, a finished one is not repeated. Thread-safe.
 */
public final class AgentlessHosts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentlessHosts.class);
    static final String SOURCE = "ssh";
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final UpsHub hub;
    private final ClientTracker clients;
    private final Scheduler scheduler;
    private final Executor blocking;
    private final Function<SshTarget, SshOutcome> shell;
    private final Coordinator site;
    private final Map<String, Watch> watches = new LinkedHashMap<>();
    private volatile Scheduler.Cancellable ticks;
    private volatile boolean closed;

    /**
     * @param blocking where SSH attempts and checks run (they block for up to the connect and command timeouts)
     */
    public AgentlessHosts(UpsHub hub, ClientTracker clients, List<SshTarget> targets, Scheduler scheduler,
                          Executor blocking) {
        this(hub, clients, targets, scheduler, blocking, Coordinator.alone("this server"));
    }

    /** @param site who runs the site's SSH shutdowns: while another server leads, this one runs none */
    public AgentlessHosts(UpsHub hub, ClientTracker clients, List<SshTarget> targets, Scheduler scheduler,
                          Executor blocking, Coordinator site) {
        // a lambda, not SshShell::run: a method reference links SshShell (and the SSH library) at once, even when
        // no host is agentless
        this(hub, clients, targets, scheduler, blocking, target -> SshShell.run(target), site);
    }

    AgentlessHosts(UpsHub hub, ClientTracker clients, List<SshTarget> targets, Scheduler scheduler, Executor blocking,
                   Function<SshTarget, SshOutcome> shell) {
        this(hub, clients, targets, scheduler, blocking, shell, Coordinator.alone("this server"));
    }

    AgentlessHosts(UpsHub hub, ClientTracker clients, List<SshTarget> targets, Scheduler scheduler, Executor blocking,
                   Function<SshTarget, SshOutcome> shell, Coordinator site) {
        this.site = site;
        this.hub = hub;
        this.clients = clients;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.shell = shell;
        for (SshTarget t : targets) {
            watches.put(key(t.host()), new Watch(t));
        }
    }

    public void start() {
        if (watches.isEmpty()) {
            return;
        }
        Instant now = scheduler.clock().instant();
        watches.values().forEach(w -> w.resume(now));
        ticks = scheduler.repeat(Duration.ZERO, TICK, this::tick);
        LOG.info("agentless hosts (shut down over SSH by this server): {}", watches.values().stream()
                .map(w -> w.target.toString()).collect(Collectors.joining(", ")));
    }

    /** The hosts this server shuts down over SSH. */
    public List<SshTarget> targets() {
        return watches.values().stream().map(w -> w.target).toList();
    }

    public Optional<SshTarget> target(String host) {
        Watch w = watches.get(key(host));
        return w == null ? Optional.empty() : Optional.of(w.target);
    }

    /** Proves the login of a host (host key, authentication) without running anything; see {@link SshShell#check}. */
    public CompletableFuture<SshOutcome> check(String host) {
        Watch w = watches.get(key(host));
        if (w == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("host '" + host
                    + "' has no shutdown.ssh"));
        }
        return CompletableFuture.supplyAsync(() -> SshShell.check(w.target), blocking);
    }

    private void tick() {
        Instant now = scheduler.clock().instant();
        for (Watch w : watches.values()) {
            try {
                w.tick(now);
            } catch (RuntimeException e) {
                LOG.error("agentless host {}: {}", w.target, e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable t = ticks;
        if (t != null) {
            t.cancel();
        }
        watches.values().forEach(Watch::cancel);
    }

    private static String key(String host) {
        return host.toLowerCase(java.util.Locale.ROOT);
    }

    /** Where one host's shutdown stands. */
    private enum Phase { WATCHING, RUNNING, FINISHED }

    /** One host: its decisions, and the attempts once they call for the shutdown. */
    private final class Watch {
        private final SshTarget target;
        private final PowerStateMachine machine;
        private final String monitor;
        private final UpsName ups;
        private AgentState state;
        private Phase phase = Phase.WATCHING;
        private String reason;
        private Instant deadline;
        private Instant begun;
        private boolean leftToLeader;
        private int attempts;
        private Scheduler.Cancellable next;

        Watch(SshTarget t) {
            this.target = t;
            this.ups = UpsName.of(t.ups());
            AgentConfig.Monitor m = new AgentConfig.Monitor(t.ups(), "gridwatch", 3493, 1, null, null, false);
            this.monitor = m.id();
            AgentConfig config = new AgentConfig(null, t.host(), List.of(m), 1,
                    new AgentConfig.Timing(TICK, TICK, Duration.ofSeconds(15), Duration.ZERO, Duration.ZERO,
                            Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(12), t.connectTimeout()),
                    // restore_after 0: a countdown stops as soon as the UPS reads on line again
                    new AgentConfig.Policy(t.delay(), t.ignoreDrills(), 0, Duration.ZERO, Duration.ZERO),
                    null, List.of(), new AgentConfig.Notify(null, Set.of()), List.of(), List.of());
            this.machine = new PowerStateMachine(config);
        }

        /** Where an earlier instance (before a configuration change or a restart) left this host. */
        synchronized void resume(Instant now) {
            state = machine.initial(now);
            Optional<ClientState> last = clients.get(target.host()).filter(c -> c.source().equals(SOURCE));
            boolean onBattery = onBatteryNow();
            if (onBattery && last.isPresent() && last.get().state() == ClientState.State.SHUTTING_DOWN) {
                reason = "taken up again after a restart: " + Optional.ofNullable(last.get().note()).orElse("shutting down");
                LOG.warn("agentless host {}: its shutdown had not finished; trying again", target);
                begin(now);
                return;
            }
            if (onBattery && last.isPresent() && (last.get().state() == ClientState.State.SHUT_DOWN
                    || last.get().state() == ClientState.State.SHUTDOWN_FAILED)) {
                phase = Phase.FINISHED; // not repeated: the outage it was for goes on
                state = quiet(state, now);
                return;
            }
            Optional<Instant> since = clients.onBatterySince(ups);
            if (since.isPresent()) { // the countdown runs from the outage's start, not from this instance's
                state = new AgentState(state.ups(), state.phase(), since.get(), null, null, Map.of(), null, null, null,
                        Map.of(), last.isPresent() ? report(last.get()) : null);
            }
        }

        private AgentReport report(ClientState c) {
            return switch (c.state()) {
                case SHUTDOWN_PENDING -> new AgentReport(AgentReport.PENDING, c.remainingSeconds(), c.shutdownDelay());
                case ONLINE -> new AgentReport(AgentReport.ONLINE, null, c.shutdownDelay());
                default -> null;
            };
        }

        synchronized void tick(Instant now) {
            AgentInput in = input();
            switch (phase) {
                case WATCHING -> {
                    PowerStateMachine.Step step = machine.step(state, in, now);
                    state = step.state();
                    for (AgentAction a : step.actions()) {
                        perform(a, now);
                    }
                }
                case RUNNING -> {
                    if (powerBack(in)) {
                        cancel();
                        LOG.warn("agentless host {}: power is back; its shutdown command is not run", target);
                        tell(ClientState.State.ONLINE, null, now, "power came back before the shutdown command could "
                                + "run: not run (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + " failed)");
                        reset(now);
                    }
                }
                case FINISHED -> {
                    if (powerBack(in)) {
                        reset(now); // ready for the next outage; what it reported stays shown
                    }
                }
            }
        }

        private void perform(AgentAction a, Instant now) {
            switch (a) {
                case AgentAction.Report r -> {
                    AgentReport rep = r.report();
                    switch (rep.status()) {
                        case AgentReport.PENDING -> tell(ClientState.State.SHUTDOWN_PENDING, rep.remainingSeconds(), now,
                                null);
                        case AgentReport.ONLINE -> tell(ClientState.State.ONLINE, null, now, null);
                        default -> { } // shutting down: said by begin(), with the login
                    }
                }
                case AgentAction.Shutdown s -> {
                    reason = s.reason();
                    begin(now);
                }
                case AgentAction.Notify n -> LOG.debug("agentless host {}: {}", target, n.message());
                default -> { } // a secondary sets no FSD, counts no logins and has no timers
            }
        }

        private void begin(Instant now) {
            phase = Phase.RUNNING;
            deadline = now.plus(target.retryFor());
            begun = now;
            leftToLeader = false;
            attempts = 0;
            LOG.warn("agentless host {}: shutting down ({}): running '{}' over SSH", target, reason, target.command());
            tell(ClientState.State.SHUTTING_DOWN, null, now, reason + "; connecting to " + target.login());
            blocking.execute(this::attempt);
        }

        /** One attempt, on the blocking executor. */
        private void attempt() {
            Instant since;
            synchronized (this) {
                if (phase != Phase.RUNNING || closed) {
                    return;
                }
                if (powerBack(input())) {
                    return; // the next tick says so and resets
                }
                since = begun;
            }
            // once per outage for the whole site: the leading server runs it, the others stand by
            String ref = target.host() + "@" + since;
            Coordinator.Decision d = site.claim("ssh", target.host(), since, ref);
            Instant at = scheduler.clock().instant();
            synchronized (this) {
                if (phase != Phase.RUNNING || closed) {
                    return;
                }
                if (d == Coordinator.Decision.DONE_ELSEWHERE) {
                    phase = Phase.FINISHED;
                    LOG.warn("agentless host {}: already shut down by another server of the site", target);
                    tell(ClientState.State.SHUT_DOWN, null, at, "shut down by another server of the site");
                    return;
                }
                if (d == Coordinator.Decision.NOT_LEADING) {
                    if (!at.isBefore(deadline)) {
                        phase = Phase.FINISHED;
                        tell(ClientState.State.SHUTTING_DOWN, null, at, reason + "; left to the server that leads "
                                + "the site (this one did not lead before " + deadline + ")");
                        return;
                    }
                    if (!leftToLeader) {
                        leftToLeader = true;
                        LOG.info("agentless host {}: another server leads the site; it runs the command", target);
                        tell(ClientState.State.SHUTTING_DOWN, null, at, reason + "; the server that leads the site "
                                + "runs the command (this one takes over if that one stops)");
                    }
                    next = scheduler.schedule(Duration.ofSeconds(1), () -> blocking.execute(this::attempt));
                    return;
                }
                attempts++;
            }
            SshOutcome o = shell.apply(target);
            Instant now = scheduler.clock().instant();
            if (o.ran()) {
                site.done(ref);
            }
            synchronized (this) {
                if (phase != Phase.RUNNING || closed) {
                    return;
                }
                if (o.ran()) {
                    phase = Phase.FINISHED;
                    LOG.warn("agentless host {}: {}{}", target, o.detail(), o.output().isEmpty() ? ""
                            : "; output: " + o.output());
                    tell(ClientState.State.SHUT_DOWN, null, now, words(o));
                    return;
                }
                boolean again = o.kind().retry() && now.isBefore(deadline);
                if (!again) {
                    phase = Phase.FINISHED;
                    LOG.error("agentless host {}: shutdown failed after {} attempt{}: {}{}", target, attempts,
                            attempts == 1 ? "" : "s", o.detail(), o.output().isEmpty() ? "" : "; output: " + o.output());
                    tell(ClientState.State.SHUTDOWN_FAILED, null, now, words(o) + (o.kind().retry()
                            ? " (" + attempts + " attempts over " + target.retryFor().toSeconds() + " s)" : ""));
                    return;
                }
                Duration wait = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 4)));
                LOG.warn("agentless host {}: attempt {} failed: {}; next in {} s", target, attempts, o.detail(),
                        wait.toSeconds());
                tell(ClientState.State.SHUTTING_DOWN, null, now, reason + "; attempt " + attempts + " failed: "
                        + o.detail() + "; trying again in " + wait.toSeconds() + " s (until " + deadline + ")");
                next = scheduler.schedule(wait, () -> blocking.execute(this::attempt));
            }
        }

        private String words(SshOutcome o) {
            StringBuilder b = new StringBuilder(o.detail());
            if (o.exitCode() != null && !o.detail().contains("status")) {
                b.append(" (exit status ").append(o.exitCode()).append(')');
            }
            if (!o.output().isEmpty()) {
                b.append("; output: ").append(o.output());
            }
            return b.toString();
        }

        synchronized void cancel() {
            Scheduler.Cancellable n = next;
            if (n != null) {
                n.cancel();
            }
            next = null;
        }

        private void reset(Instant now) {
            phase = Phase.WATCHING;
            reason = null;
            deadline = null;
            state = quiet(machine.initial(now), now);
        }

        /** A fresh state that has already "reported" online, so that a reset says nothing by itself. */
        private AgentState quiet(AgentState s, Instant now) {
            return new AgentState(s.ups(), s.phase(), s.pendingSince(), s.powerBackSince(), s.hostsyncUntil(), s.logins(),
                    s.shutdownReason(), s.hubDelay(), s.hubIgnoreDrills(), s.timers(), machine.report(s, now));
        }

        private void tell(ClientState.State what, Integer remaining, Instant now, String note) {
            Integer delay = target.delay() == null ? null : (int) target.delay().toSeconds();
            clients.report(ups, new ClientState(target.host(), target.address(), what, remaining, delay, now, SOURCE,
                    true, note));
        }

        /** The UPS as the host's agent would read it from the NUT server. */
        private AgentInput input() {
            UpsHub.Served s = hub.serve(target.ups());
            if (s == null) {
                return new AgentInput.CommLost(monitor, "no UPS '" + target.ups() + "'");
            }
            if (s.availability() != Availability.OK) {
                return new AgentInput.CommLost(monitor, s.availability() == Availability.DATA_STALE ? "data stale"
                        : "driver not connected");
            }
            UpsSnapshot snap = s.snapshot();
            String line = snap.statusLine();
            Set<String> flags = line == null ? Set.of() : Set.copyOf(Arrays.asList(line.trim().split("\\s+")));
            boolean simulated = snap.drilling() || "true".equalsIgnoreCase(snap.device().value("ups.simulation"));
            return new AgentInput.Status(monitor, flags, number(snap, "battery.charge"), number(snap, "battery.runtime"),
                    simulated);
        }

        private boolean onBatteryNow() {
            return input() instanceof AgentInput.Status st && st.flags().contains("OB")
                    && !(st.simulated() && target.ignoreDrills());
        }

        /** On line again, without FSD: what the shutdown was for is over. */
        private boolean powerBack(AgentInput in) {
            return in instanceof AgentInput.Status st && st.flags().contains("OL") && !st.flags().contains("OB")
                    && !st.flags().contains("FSD");
        }

        private static Integer number(UpsSnapshot s, String var) {
            String v = s.device().value(var);
            if (v == null) {
                return null;
            }
            try {
                return (int) Math.floor(Double.parseDouble(v.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
