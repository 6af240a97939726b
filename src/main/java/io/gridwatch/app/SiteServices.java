package io.gridwatch.app;

import io.gridwatch.agentless.AgentlessHosts;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.HostConfig;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.power.DrillScheduler;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.recovery.RecoveryPlanner;
import io.gridwatch.recovery.RecoveryStore;
import io.gridwatch.recovery.WakePlan;
import io.gridwatch.recovery.WakeHost;
import io.gridwatch.recovery.WakeSender;
import io.gridwatch.time.Scheduler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the site-wide settings drive: Wake-on-LAN recovery for the hosts and the drill schedules. Built from one
 * configuration and replaced whole when hosts, schedules, recovery or the time zone change; pending wake-ups and
 * the schedules' progress are in the power state store, so the successor carries on where this one stopped.
 */
final class SiteServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteServices.class);

    private final RecoveryPlanner recovery;
    private final Scheduler.Cancellable drillTicks;
    private final AgentlessHosts agentless;
    private final ExecutorService sshThreads;

    private SiteServices(RecoveryPlanner recovery, Scheduler.Cancellable drillTicks, AgentlessHosts agentless,
                         ExecutorService sshThreads) {
        this.recovery = recovery;
        this.drillTicks = drillTicks;
        this.agentless = agentless;
        this.sshThreads = sshThreads;
    }

    static SiteServices start(GridwatchConfig config, UpsHub hub, ClientTracker clients, Scheduler scheduler,
                              Executor probes, PowerStateStore store, RecoveryStore wakes, Probes factory, Clock clock,
                              WakeSender sender, io.gridwatch.coordination.Coordinator site) {
        List<WakeHost> hosts = new ArrayList<>();
        for (HostConfig h : config.site().hosts()) {
            if (h.mac() != null) {
                hosts.add(new WakeHost(h.name(), h.ups(), h.mac(),
                        new InetSocketAddress(h.broadcast(), config.site().wakePort()), factory.host(h), h.wake(),
                        h.group(), h.groupWait()));
            }
        }
        adoptLegacyWakes(store, wakes, hosts);
        RecoveryPlanner recovery = new RecoveryPlanner(hub, hosts, config.site().recovery(), sender, scheduler, probes,
                wakes, site);
        recovery.start();
        DrillScheduler drills = new DrillScheduler(hub, config.site().schedules(), config.site().zone(), store, clock);
        java.util.Map<io.gridwatch.hub.UpsName, io.gridwatch.power.SelfTest> tests = new java.util.LinkedHashMap<>();
        config.ups().stream().filter(u -> u.selfTest() != null).forEach(u -> tests.put(u.name(), u.selfTest()));
        io.gridwatch.power.SelfTestScheduler selfTests = new io.gridwatch.power.SelfTestScheduler(hub, tests,
                config.site().zone(), clock);
        Scheduler.Cancellable ticks = scheduler.repeat(Duration.ZERO, Duration.ofSeconds(5), () -> {
            drills.tick();
            selfTests.tick();
        });
        ExecutorService sshThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ssh-", 0).factory());
        AgentlessHosts agentless = new AgentlessHosts(hub, clients, SshTargets.of(config), scheduler, sshThreads,
                site);
        agentless.start();
        return new SiteServices(recovery, ticks, agentless, sshThreads);
    }

    AgentlessHosts agentless() {
        return agentless;
    }

    /** Wake-ups an earlier version left pending in the power state file carry on from the recovery store. */
    private static void adoptLegacyWakes(PowerStateStore store, RecoveryStore wakes, List<WakeHost> hosts) {
        store.takeLegacyWakes().forEach((ups, w) -> {
            Map<String, WakePlan.Progress> progress = new LinkedHashMap<>();
            for (WakeHost h : hosts) {
                if (h.auto() && h.ups().equalsIgnoreCase(ups) && !w.done().contains(h.name())) {
                    progress.put(h.name(), new WakePlan.Progress(WakePlan.Step.WAITING, 0, null, w.powerBack()));
                }
            }
            if (!progress.isEmpty() && wakes.plan(ups).isEmpty()) {
                wakes.plan(ups, new WakePlan(w.powerBack(), w.wakeAt(), null, null, progress));
                LOG.info("wake-up of UPS [{}]'s hosts {} taken over from the power state file", ups, progress.keySet());
            }
        });
    }

    RecoveryPlanner recovery() {
        return recovery;
    }

    @Override
    public void close() {
        drillTicks.cancel();
        agentless.close();
        sshThreads.shutdownNow();
        try {
            recovery.close();
        } catch (Exception e) {
            LOG.warn("stopping recovery: {}", e.getMessage());
        }
    }
}
