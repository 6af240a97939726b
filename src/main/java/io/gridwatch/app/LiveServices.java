package io.gridwatch.app;

import io.gridwatch.agentless.AgentlessHosts;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.recovery.RecoveryPlanner;
import io.gridwatch.recovery.RecoveryStore;
import io.gridwatch.recovery.WakeSender;
import io.gridwatch.time.Scheduler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SiteServices} of the configuration in force, replaced whole when hosts, schedules, recovery or the
 * time zone change (pending wake-ups carry over through the stores). Thread-safe.
 */
final class LiveServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);
    private final UpsHub hub;
    private final ClientTracker clients;
    private final Scheduler scheduler;
    private final ProbePool probes;
    private final PowerStateStore store;
    private final RecoveryStore wakes;
    private final Clock clock;
    private final WakeSender sender;
    private final io.gridwatch.coordination.Coordinator site;
    private SiteServices current;

    LiveServices(GridwatchConfig config, UpsHub hub, ClientTracker clients, Scheduler scheduler, ProbePool probes, PowerStateStore store,
                 RecoveryStore wakes, Clock clock, WakeSender sender, io.gridwatch.coordination.Coordinator site) {
        this.site = site;
        this.hub = hub;
        this.clients = clients;
        this.scheduler = scheduler;
        this.probes = probes;
        this.store = store;
        this.wakes = wakes;
        this.clock = clock;
        this.sender = sender;
        this.current = build(config);
    }

    private SiteServices build(GridwatchConfig config) {
        return SiteServices.start(config, hub, clients, scheduler, probes.threads(), store, wakes, probes.factory(), clock,
                sender, site);
    }

    /** Stops the services of the old configuration and starts those of {@code config}. */
    synchronized void restart(GridwatchConfig config) {
        current.close();
        current = build(config);
        LOG.info("hosts, schedules and recovery settings reloaded");
    }

    synchronized RecoveryPlanner recovery() {
        return current.recovery();
    }

    synchronized AgentlessHosts agentless() {
        return current.agentless();
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
