package io.gridwatch.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's runtime: one loop thread polls every monitored UPS over a held NUT connection, feeds the readings
 * and the clock to the {@link PowerStateMachine} and carries out what it returns (notifications, FSD, hub
 * reports, timers, and at the end the hooks and the shutdown command). Hub calls and notification commands run
 * on a second thread so that a slow hub or script never delays a poll. Polling, not a push channel: one
 * {@code GET VAR} per UPS every 500 ms costs the server well under a millisecond, works the same against every
 * upsd, and bounds the reaction time by the poll interval (measured in docs/benchmarks.md).
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final Clock clock;
    private final boolean dryRun;
    private final PowerStateMachine machine;
    private final List<UpsLink> links = new ArrayList<>();
    private final Map<String, UpsLink> byId = new HashMap<>();
    private final Deque<AgentInput> pending = new ArrayDeque<>();
    private final Commands commands = new Commands();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "agent-background");
        t.setDaemon(true);
        return t;
    });
    private final HubClient hub;
    private volatile boolean running = true;
    private volatile Thread loop;
    private volatile AgentState state;
    private volatile String shutdownOutcome;
    /** What the last step asked of each UPS (a power cycle), in words. */
    private final List<String> powerCycles = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Instant nextHeartbeat = Instant.MIN;

    public Agent(AgentConfig config, Clock clock, boolean dryRun) {
        this.config = config;
        this.clock = clock;
        this.dryRun = dryRun;
        this.machine = new PowerStateMachine(config);
        for (AgentConfig.Monitor m : config.monitors()) {
            UpsLink l = new UpsLink(m, config.timing().connectTimeout());
            links.add(l);
            byId.put(m.id(), l);
        }
        this.hub = config.hub() == null ? null : new HubClient(config.hub(), config.host());
        this.state = machine.initial(clock.instant());
    }

    /** Runs until the machine has been shut down (or, with --dry-run, would have been), or {@link #close}. */
    public void run() {
        loop = Thread.currentThread();
        try {
            loop();
        } finally {
            links.forEach(UpsLink::close);
            background.shutdown();
            try {
                background.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        LOG.info("agent for host '{}': monitoring {}; {}", config.host(), config.monitors(), dryRun
                ? "dry run: the shutdown command will not be run" : "shutdown command: " + config.shutdownCommand());
        while (running) {
            long start = System.nanoTime();
            for (UpsLink l : links) {
                pending.add(l.poll());
            }
            pending.add(new AgentInput.Tick());
            while (!pending.isEmpty() && running) {
                apply(pending.poll());
            }
            heartbeat();
            boolean onBattery = state.ups().values().stream().anyMatch(u -> u.flags().contains("OB"));
            Duration every = onBattery ? config.timing().pollOnBattery() : config.timing().poll();
            long left = every.toNanos() - (System.nanoTime() - start);
            if (left > 0 && running) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void apply(AgentInput in) {
        PowerStateMachine.Step step = machine.step(state, in, clock.instant());
        state = step.state();
        for (AgentAction a : step.actions()) {
            perform(a);
        }
    }

    private void perform(AgentAction a) {
        switch (a) {
            case AgentAction.Notify n -> notify(n);
            case AgentAction.SetFsd f -> {
                try {
                    byId.get(f.ups()).setFsd();
                    LOG.warn("set FSD on {}: every secondary will shut down", f.ups());
                } catch (IOException e) {
                    LOG.error("could not set FSD on {}: {}", f.ups(), e.getMessage());
                }
            }
            case AgentAction.CountLogins c -> {
                try {
                    pending.add(new AgentInput.Logins(c.ups(), byId.get(c.ups()).numLogins()));
                } catch (IOException e) {
                    LOG.debug("NUMLOGINS {}: {}", c.ups(), e.getMessage());
                }
            }
            case AgentAction.Report r -> report(r.report());
            case AgentAction.RunTimer t -> background.execute(() -> commands.run("timer " + t.timer(), t.command(),
                    env("TIMER", t.timer(), "UPSNAME", t.ups()), Duration.ofMinutes(5)));
            case AgentAction.Shutdown s -> shutdown(s);
        }
    }

    private void notify(AgentAction.Notify n) {
        boolean bad = switch (n.type()) {
            case ONLINE, COMMOK, NOTCAL, NOTOFF, NOTBYPASS -> false;
            default -> true;
        };
        if (bad) {
            LOG.warn("{}: {}", n.type(), n.message());
        } else {
            LOG.info("{}: {}", n.type(), n.message());
        }
        AgentConfig.Notify cmd = config.notifyCommand();
        if (cmd.command() != null && (cmd.types().isEmpty() || cmd.types().contains(n.type().name()))) {
            List<String> argv = new ArrayList<>(cmd.command());
            argv.add(n.message());
            background.execute(() -> commands.run("notify " + n.type(), argv,
                    env("NOTIFYTYPE", n.type().name(), "UPSNAME", n.ups()), Duration.ofMinutes(1)));
        }
    }

    private void report(AgentReport r) {
        if (hub == null) {
            return;
        }
        background.execute(() -> {
            try {
                hub.report(r);
            } catch (IOException e) {
                LOG.warn("could not report '{}' to the hub {}: {} (sent again with the next heartbeat)", r.status(),
                        config.hub(), e.getMessage());
            }
        });
    }

    /** Takes the hub's settings for this host and repeats the current report, every heartbeat. */
    private void heartbeat() {
        Instant now = clock.instant();
        if (hub == null || now.isBefore(nextHeartbeat)) {
            return;
        }
        nextHeartbeat = now.plus(config.hub().heartbeat());
        AgentReport current = machine.report(state, now);
        background.execute(() -> {
            try {
                AgentInput.HubSettings s = hub.settings();
                synchronized (pending) {
                    pendingSettings = s;
                }
            } catch (IOException e) {
                LOG.warn("could not read this host's settings from the hub {}: {}", config.hub(), e.getMessage());
            }
            try {
                hub.report(current);
            } catch (IOException e) {
                LOG.debug("heartbeat to the hub failed: {}", e.getMessage());
            }
        });
        AgentInput.HubSettings s;
        synchronized (pending) {
            s = pendingSettings;
            pendingSettings = null;
        }
        if (s != null) {
            Duration before = machine.delay(state);
            apply(s);
            Duration after = machine.delay(state);
            if (!java.util.Objects.equals(before, after)) {
                LOG.info("shutdown delay from the hub: {}", after == null ? "none (NUT's rules only)" : after.toSeconds() + " s");
            }
        }
    }

    private AgentInput.HubSettings pendingSettings;

    /** Fetches the hub's settings once before the loop starts, so that the first outage already uses them. */
    public void loadHubSettings() {
        if (hub == null) {
            return;
        }
        try {
            apply(hub.settings());
            Duration d = machine.delay(state);
            LOG.info("hub {}: shutdown delay {}, ignore drills {}", config.hub(),
                    d == null ? "none (NUT's rules only)" : d.toSeconds() + " s", state.hubIgnoreDrills());
        } catch (IOException e) {
            LOG.warn("could not read this host's settings from the hub {}: {}; using the local ones", config.hub(),
                    e.getMessage());
        }
    }

    private void shutdown(AgentAction.Shutdown s) {
        LOG.warn("shutting down: {}", s.reason());
        for (AgentConfig.Hook h : config.hooks()) {
            LOG.info("hook '{}': running {}", h.name(), h.command());
            commands.run("hook " + h.name(), h.command(), env("GRIDWATCH_REASON", s.reason()), h.timeout());
        }
        long wait = Duration.between(clock.instant(), s.notBefore()).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait); // FINALDELAY: the runtime's wait, not the machine's
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String id : s.powerCycle()) {
            UpsLink link = byId.get(id);
            if (link != null) {
                String said = link.powerCycle(dryRun);
                LOG.warn("{}", said);
                powerCycles.add(said);
            }
        }
        if (!powerCycles.isEmpty() && hub != null) {
            try { // now, not in the background: the shutdown command may end this process
                hub.report(new AgentReport(AgentReport.SHUTTING_DOWN, null, null, String.join("; ", powerCycles)));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not tell the hub what was asked of the UPS: {}", e.getMessage());
            }
        }
        if (dryRun) {
            LOG.warn("dry run: would now run {}", config.shutdownCommand());
            shutdownOutcome = "dry run";
        } else {
            LOG.warn("running the shutdown command {}", config.shutdownCommand());
            Commands.Outcome o = commands.run("shutdown", config.shutdownCommand(), env("GRIDWATCH_REASON", s.reason()),
                    Duration.ofMinutes(2));
            shutdownOutcome = o.ok() ? "shutdown command run" : "shutdown command failed: "
                    + (o.failure() != null ? o.failure() : "exit code " + o.exitCode());
        }
        links.forEach(UpsLink::logout);
        running = false;
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /** The state as of the last step (for tests and status output). */
    public AgentState state() {
        return state;
    }

    /** What the shutdown's last step asked the UPSes (power cycles), in words; empty when nothing was asked. */
    public List<String> powerCycles() {
        return List.copyOf(powerCycles);
    }

    /** After the loop ended by a shutdown: what happened to the command; null otherwise. */
    public String shutdownOutcome() {
        return shutdownOutcome;
    }

    /** Stops the loop (from another thread); {@link #run} returns after closing its connections. */
    @Override
    public void close() {
        running = false;
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
