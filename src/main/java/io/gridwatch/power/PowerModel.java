package io.gridwatch.power;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The power state of a UPS without a data port: debounced mains sensors, the grid decision (quorum,
 * hysteresis), a drill on top, and the virtual battery fed by whichever of them says "on battery". Restores
 * itself from the {@link PowerStateStore} (a restart in the middle of an outage comes back on battery, with
 * the charge drained by the time it was down) and saves on every change of state, and every minute while the
 * charge moves. Thread-safe: probes report from their threads, the driver evaluates from its own.
 */
public final class PowerModel {
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    /** One evaluation: what the UPS shows now. */
    public record Result(String status, double charge, long runtime, boolean simulated, boolean gridPresent,
                         Instant gridSince) {
    }

    private final String ups;
    private final List<SensorTracker> trackers;
    private final GridDecision decision;
    private final VirtualBattery battery;
    private final PowerStateStore store;
    private Instant lastSaved;
    private boolean lastOnBattery;
    private boolean lastPresent;

    public PowerModel(String ups, List<SensorTracker> trackers, GridSettings grid, BatterySettings bat,
                      PowerStateStore store, Instant now) {
        this.ups = ups;
        this.trackers = List.copyOf(trackers);
        this.store = store;
        this.decision = new GridDecision(grid.quorumOf(trackers.size()), grid.restoreAfter(), now);
        PowerStateStore.UpsState saved = store.ups(ups);
        boolean present = saved.gridPresent() == null || saved.gridPresent();
        if (saved.gridPresent() != null) {
            decision.restore(present, saved.gridSince() == null ? now : saved.gridSince());
        }
        boolean wasOnBattery = !present || saved.drill() != null;
        this.battery = saved.charge() == null ? new VirtualBattery(bat, 100, now, false)
                : new VirtualBattery(bat, saved.charge(), saved.chargeAt(), wasOnBattery);
        this.lastPresent = present;
        this.lastOnBattery = wasOnBattery;
    }

    /** A probe of sensor {@code index} finished. */
    public synchronized void record(int index, ProbeResult result, Instant at) {
        trackers.get(index).record(result, at);
    }

    /** Brings everything to {@code now}; {@code drilling} says whether a drill is in progress. */
    public synchronized Result evaluate(Instant now, boolean drilling) {
        decision.update(trackers, now);
        boolean real = !decision.present();
        boolean onBattery = real || drilling;
        battery.advance(now, onBattery);
        boolean stateChanged = real != !lastPresent || onBattery != lastOnBattery;
        boolean chargeMoving = onBattery || battery.charge() < 100;
        if (stateChanged || lastSaved == null || (chargeMoving && !now.isBefore(lastSaved.plus(SAVE_EVERY)))) {
            save(now);
        }
        lastPresent = !real;
        lastOnBattery = onBattery;
        return new Result(battery.status(), battery.charge(), battery.runtimeSeconds(), drilling && !real,
                decision.present(), decision.since());
    }

    private void save(Instant now) {
        store.update(ups, old -> new PowerStateStore.UpsState(decision.present(), decision.since(), battery.charge(),
                now, old.drill(), old.fsd()));
        lastSaved = now;
    }

    /**
     * Whether any sensor is giving readings now. When none is (every probe fails to run, say a GPIO line that
     * cannot be read), the grid's state is not known, however it was last decided.
     */
    public synchronized boolean anyReading(Instant now) {
        return trackers.stream().anyMatch(t -> t.readingAt(now));
    }

    public synchronized List<SensorStatus> sensors() {
        List<SensorStatus> out = new ArrayList<>(trackers.size());
        trackers.forEach(t -> out.add(t.state()));
        return out;
    }

    public BatterySettings battery() {
        return battery.settings();
    }
}
