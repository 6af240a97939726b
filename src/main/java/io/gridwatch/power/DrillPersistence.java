package io.gridwatch.power;

import io.gridwatch.hub.DrillInfo;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;

/**
 * Keeps drills across restarts: puts back into the hub the drills that were running at the last stop, then
 * records every start and stop in the {@link PowerStateStore}. Events arrive on the hub's delivery thread.
 */
public final class DrillPersistence implements AutoCloseable {
    private final UpsHub hub;
    private final PowerStateStore store;
    private AutoCloseable subscription;

    public DrillPersistence(UpsHub hub, PowerStateStore store) {
        this.hub = hub;
        this.store = store;
    }

    /** Restores saved drills; call before the drivers start. */
    public void start() {
        for (UpsName ups : hub.names()) {
            DrillInfo d = store.ups(ups.value()).drill();
            if (d != null && hub.drillable(ups)) {
                hub.restoreDrill(ups, d);
            }
        }
        subscription = hub.subscribe("drill-state", e -> {
            if (e instanceof UpsEvent.DrillStarted || e instanceof UpsEvent.DrillStopped) {
                save(e.ups());
            }
        });
    }

    private void save(UpsName ups) {
        PowerStateStore.UpsState old = store.ups(ups.value());
        store.ups(ups.value(), new PowerStateStore.UpsState(old.gridPresent(), old.gridSince(), old.charge(),
                old.chargeAt(), hub.snapshot(ups).drill()));
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}
