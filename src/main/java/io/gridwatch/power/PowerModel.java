package io.gridwatch.power;

import io.gridwatch.hub.SensorStatus;
import io.gridwatch.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The power state of a UPS without a data port: debounced mains sensors, the grid decision (quorum,
 * hysteresis), a drill on top, and the virtual battery fed by whichever of them says "on battery". Starts from
 * the state saved before (a restart in the middle of an outage comes back on battery, with the charge drained by
 * the time it was down) and says when its state is due to be saved again (on every change of state, and every
 * minute while the charge moves); saving is the caller's. Thread-safe: probes report from their threads, the
 * driver evaluates from its own.
 */
public final class PowerModel {
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    /** One mains sensor: its name, what it probes (for display), the longest expected gap between its readings. */
    public record Sensor(String name, String target, Duration maxGap) {
    }

    /**
     * One evaluation: what the UPS shows now, and what to save ({@code save}: null when nothing is due).
     *
     * @param simulated on battery because of a drill alone (a real outage is never masked by one)
     */
    public record Result(PowerStatus status, double charge, long runtime, boolean simulated, boolean gridPresent,
                         Instant gridSince, Saved save) {
    }

    /** What survives a restart: the grid decision and the battery's charge at a time. */
    public record Saved(boolean gridPresent, Instant gridSince, double charge, Instant at) {
        /** {@code old} (the drill and FSD kept) with this state. */
        public PowerStateStore.UpsState into(PowerStateStore.UpsState old) {
            return new PowerStateStore.UpsState(gridPresent, gridSince, charge, at, old.drill(), old.fsd());
        }
    }

    private final List<SensorTracker> trackers;
    private final GridDecision decision;
    private final VirtualBattery battery;
    private Instant lastSaved;
    private boolean lastOnBattery;
    private boolean lastPresent;

    PowerModel(List<SensorTracker> trackers, GridSettings grid, BatterySettings bat, PowerStateStore.UpsState saved,
               Instant now) {
        this.trackers = List.copyOf(trackers);
        this.decision = new GridDecision(grid.quorumOf(trackers.size()), grid.restoreAfter(), now);
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

    /**
     * The model of {@code sensors} (each debounced over the grid's fail rounds), from what was saved before
     * ({@link PowerStateStore#ups}: empty the first time).
     */
    public static PowerModel of(List<Sensor> sensors, GridSettings grid, BatterySettings battery,
                                PowerStateStore.UpsState saved, Instant now) {
        List<SensorTracker> trackers = new ArrayList<>();
        for (Sensor s : sensors) {
            trackers.add(new SensorTracker(s.name(), s.target(), grid.failRounds(), s.maxGap(), now));
        }
        return new PowerModel(trackers, grid, battery, saved, now);
    }

    /** A probe of sensor {@code index} finished; true when that sensor's debounced state changed. */
    public synchronized boolean record(int index, ProbeResult result, Instant at) {
        return trackers.get(index).record(result, at);
    }

    /** Sensor {@code index} failed its last probe(s) and is not yet counted dark. */
    public synchronized boolean failing(int index) {
        return trackers.get(index).failing();
    }

    /** Sensor {@code index} is counted dark. */
    public synchronized boolean down(int index) {
        return trackers.get(index).down();
    }

    /**
     * Brings everything to {@code now}; {@code drilling} says whether a drill is in progress. Once a result says
     * what to save, the model counts it as saved.
     */
    public synchronized Result evaluate(Instant now, boolean drilling) {
        decision.update(trackers, now);
        boolean real = !decision.present();
        boolean onBattery = real || drilling;
        battery.advance(now, onBattery);
        boolean stateChanged = real != !lastPresent || onBattery != lastOnBattery;
        boolean chargeMoving = onBattery || battery.charge() < 100;
        Saved save = null;
        if (stateChanged || lastSaved == null || (chargeMoving && !now.isBefore(lastSaved.plus(SAVE_EVERY)))) {
            save = new Saved(decision.present(), decision.since(), battery.charge(), now);
            lastSaved = now;
        }
        lastPresent = !real;
        lastOnBattery = onBattery;
        return new Result(battery.status(), battery.charge(), battery.runtimeSeconds(), drilling && !real,
                decision.present(), decision.since(), save);
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
