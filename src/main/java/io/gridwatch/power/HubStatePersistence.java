package io.gridwatch.power;

import io.gridwatch.hub.DrillInfo;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;

/**
 * Keeps what the hub holds that must outlive a restart, in the {@link PowerStateStore}: drills in progress and the
 * FSD latch. {@link #start} puts them back into the hub (before the drivers start), then follows the hub: drill
 * starts and stops as they are delivered, FSD set and released durably, before the NUT client that set it is told
 * {@code OK FSD-SET} (so a secondary that connects after a restart during an outage still sees FSD).
 */
public final class HubStatePersistence implements AutoCloseable {
    private final UpsHub hub;
    private final PowerStateStore store;
    private AutoCloseable subscription;

    public HubStatePersistence(UpsHub hub, PowerStateStore store) {
        this.hub = hub;
        this.store = store;
    }

    /** Restores saved drills and FSD latches; call before the drivers start. */
    public void start() {
        for (UpsName ups : hub.names()) {
            PowerStateStore.UpsState saved = store.ups(ups.value());
            DrillInfo d = saved.drill();
            if (d != null && hub.drillable(ups)) {
                hub.restoreDrill(ups, d);
            }
            if (Boolean.TRUE.equals(saved.fsd())) {
                hub.restoreFsd(ups);
            }
        }
        hub.onDurable(e -> {
            if (e instanceof UpsEvent.FsdSet || e instanceof UpsEvent.FsdCleared) {
                store.update(e.ups().value(), s -> s.withFsd(e instanceof UpsEvent.FsdSet));
            }
        });
        subscription = hub.subscribe("drill-state", e -> {
            if (e instanceof UpsEvent.DrillStarted || e instanceof UpsEvent.DrillStopped) {
                store.update(e.ups().value(), s -> s.withDrill(hub.snapshot(e.ups()).drill()));
            }
        });
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}
