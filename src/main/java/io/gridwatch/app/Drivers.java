package io.gridwatch.app;

import io.gridwatch.config.UpsConfig;
import io.gridwatch.config.Version;
import io.gridwatch.driver.Driver;
import io.gridwatch.driver.DriverRunner;
import io.gridwatch.driver.dummy.DummyDriver;
import io.gridwatch.driver.mains.MainsDriver;
import io.gridwatch.driver.mains.MainsSettings;
import io.gridwatch.driver.proxy.ProxyDriver;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.Drills;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.time.Scheduler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One driver per configured UPS, each on a runner of its own (a driver's polls never overlap) and registered with
 * the hub. Built registered but idle: {@link #start()} begins polling, once the hub's saved state is back.
 */
final class Drivers {
    private final Map<UpsName, DriverRunner> runners = new LinkedHashMap<>();

    Drivers(List<UpsConfig> ups, UpsHub hub, Scheduler scheduler, ProbePool probes, PowerStateStore store,
            Clock clock, Lifecycle life) {
        Drills drills = new Drills(hub);
        for (UpsConfig u : ups) {
            ExecutorService serial = Executors.newSingleThreadExecutor(
                    Thread.ofVirtual().name("driver-" + u.name()).factory());
            life.push(serial::shutdown);
            Driver driver = switch (u.driver()) {
                case UpsConfig.Dummy d -> new DummyDriver(d.settings(), clock);
                case UpsConfig.Proxy p -> new ProxyDriver(p.settings());
                case UpsConfig.Mains m -> new MainsDriver(u.name(), new MainsSettings(m.kind(),
                        m.sensors().stream().map(probes.factory()::sensor).toList(), m.grid(), m.battery(),
                        "Virtual UPS (" + m.kind() + ")"), scheduler, probes.threads(), store, Version.current());
            };
            DriverRunner runner = life.push(new DriverRunner(u.name(), driver, hub, scheduler, serial));
            boolean mains = u.driver() instanceof UpsConfig.Mains; // it models the power itself: drills apply
            hub.register(u.name(), u.description(), mains ? drills.commands(u.name(), runner) : runner, mains);
            runners.put(u.name(), runner);
        }
    }

    void start() {
        runners.values().forEach(DriverRunner::start);
    }

    /** The runner of a UPS's driver, or null. */
    DriverRunner runner(UpsName name) {
        return runners.get(name);
    }
}
