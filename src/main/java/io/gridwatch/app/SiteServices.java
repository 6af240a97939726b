package io.gridwatch.app;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.HostConfig;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.power.DrillScheduler;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.recovery.RecoveryPlanner;
import io.gridwatch.recovery.WakeHost;
import io.gridwatch.recovery.WakeSender;
import io.gridwatch.time.Scheduler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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

    private SiteServices(RecoveryPlanner recovery, Scheduler.Cancellable drillTicks) {
        this.recovery = recovery;
        this.drillTicks = drillTicks;
    }

    static SiteServices start(GridwatchConfig config, UpsHub hub, Scheduler scheduler, Executor probes,
                              PowerStateStore store, Probes factory, Clock clock, WakeSender sender) {
        List<WakeHost> hosts = new ArrayList<>();
        for (HostConfig h : config.site().hosts()) {
            if (h.mac() != null) {
                hosts.add(new WakeHost(h.name(), h.ups(), h.mac(),
                        new InetSocketAddress(h.broadcast(), config.site().wakePort()), factory.host(h), h.wake(),
                        h.group(), h.groupWait()));
            }
        }
        RecoveryPlanner recovery = new RecoveryPlanner(hub, hosts, config.site().recovery(), sender, scheduler, probes,
                store);
        recovery.start();
        DrillScheduler drills = new DrillScheduler(hub, config.site().schedules(), config.site().zone(), store, clock);
        io.gridwatch.power.SelfTestScheduler selfTests = new io.gridwatch.power.SelfTestScheduler(hub, config.ups(),
                config.site().zone(), clock);
        Scheduler.Cancellable ticks = scheduler.repeat(Duration.ZERO, Duration.ofSeconds(5), () -> {
            drills.tick();
            selfTests.tick();
        });
        return new SiteServices(recovery, ticks);
    }

    RecoveryPlanner recovery() {
        return recovery;
    }

    @Override
    public void close() {
        drillTicks.cancel();
        try {
            recovery.close();
        } catch (Exception e) {
            LOG.warn("stopping recovery: {}", e.getMessage());
        }
    }
}
