package io.gridwatch.driver.mains;

import io.gridwatch.driver.Driver;
import io.gridwatch.driver.Reading;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.Variable;
import io.gridwatch.power.PowerModel;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.probe.ProbeResult;
import io.gridwatch.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A UPS with no data port, known through mains sensors: sentinel hosts that are not on the UPS, a GPIO line,
 * or a command. {@link Prober} says when each sensor is probed (faster while one is failing), on the probe pool's
 * threads, so a hung probe delays no other sensor; {@link PowerModel} turns the results into the
 * grid decision and the virtual battery; every poll returns the NUT variables and the sensors, and saves the
 * model's state when it is due. Drills (INSTCMD {@code drill.start}, the API, schedules) are power.Drills'; the
 * runner passes the drill flag in.
 */
public final class MainsDriver implements Driver {
    static final Duration POLL = Duration.ofMillis(250);
    public static final List<String> DRILL_COMMANDS = List.of("drill.start", "drill.stop");

    private final UpsName name;
    private final MainsSettings settings;
    private final Scheduler scheduler;
    private final Executor probes;
    private final PowerStateStore store;
    private final String version;
    private volatile Runnable changed = () -> { };
    private Prober prober;
    private PowerModel model;
    private Instant opened = Instant.MIN;

    public MainsDriver(UpsName name, MainsSettings settings, Scheduler scheduler, Executor probes,
                       PowerStateStore store, String version) {
        this.name = name;
        this.settings = settings;
        this.scheduler = scheduler;
        this.probes = probes;
        this.store = store;
        this.version = version;
    }

    @Override
    public Reading open(boolean drilling) {
        Instant now = scheduler.clock().instant();
        opened = now;
        model = PowerModel.of(settings.sensors().stream().map(s -> new PowerModel.Sensor(s.name(),
                s.probe().describe(), s.interval().multipliedBy(2).plus(s.timeout()))).toList(), settings.grid(),
                settings.battery(), store.ups(name.value()), now);
        PowerModel m = model;
        prober = new Prober(settings.sensors(), settings.grid().retry(), settings.grid().failRounds(), scheduler,
                probes, new Prober.Model() {
                    @Override
                    public boolean record(int index, ProbeResult result, Instant at) {
                        return m.record(index, result, at);
                    }

                    @Override
                    public boolean failing(int index) {
                        return m.failing(index);
                    }

                    @Override
                    public boolean down(int index) {
                        return m.down(index);
                    }
                }, () -> changed.run());
        prober.start();
        return poll(drilling);
    }

    /** Called when a sensor's debounced state changes, so that the change is published without waiting for the poll. */
    @Override
    public void onChange(Runnable pollNow) {
        this.changed = pollNow;
    }

    /**
     * The sensors and the state now; no state while no sensor gives readings: then nothing is known about the grid, and the hub
     * marks the data stale after nut.maxage (clients get DATA-STALE, the dashboard says so) instead of serving the
     * last decision as current. The first seconds after open, before any probe has finished, count as known.
     */
    @Override
    public Reading poll(boolean drilling) {
        Instant now = scheduler.clock().instant();
        PowerModel.Result r = model.evaluate(now, drilling);
        if (r.save() != null) {
            store.update(name.value(), r.save()::into);
        }
        List<SensorStatus> sensors = model.sensors();
        boolean known = model.anyReading(now) || !now.isAfter(opened.plus(settleTime()));
        return new Reading(known ? state(r, sensors) : null, sensors);
    }

    /** The longest a first reading may take: two intervals and a timeout of the slowest sensor. */
    private Duration settleTime() {
        Duration longest = Duration.ZERO;
        for (MainsSettings.Sensor s : settings.sensors()) {
            Duration d = s.interval().multipliedBy(2).plus(s.timeout());
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return longest;
    }

    private DeviceState state(PowerModel.Result r, List<SensorStatus> sensors) {
        var bat = settings.battery();
        DeviceState.Builder b = DeviceState.builder()
                .put(Variable.readOnly("ups.status", r.status().nut()))
                .put(Variable.readOnly("battery.charge", Long.toString(Math.round(r.charge()))))
                .put(Variable.readOnly("battery.runtime", Long.toString(r.runtime())))
                .put(Variable.readOnly("battery.charge.low", Integer.toString(bat.chargeLow())))
                .put(Variable.readOnly("battery.runtime.low", Long.toString(bat.runtimeLow().toSeconds())))
                .put(Variable.readOnly("ups.simulation", Boolean.toString(r.simulated())))
                .put(Variable.readOnly("device.type", "ups"))
                .put(Variable.readOnly("device.mfr", "Gridwatch"))
                .put(Variable.readOnly("device.model", settings.model()))
                .put(Variable.readOnly("ups.mfr", "Gridwatch"))
                .put(Variable.readOnly("ups.model", settings.model()))
                .put(Variable.readOnly("driver.name", "gridwatch-" + settings.kind()))
                .put(Variable.readOnly("driver.version", version))
                .put(Variable.readOnly("input.sensors.total", Integer.toString(settings.sensors().size())))
                .put(Variable.readOnly("input.sensors.up", Long.toString(
                        sensors.stream().filter(x -> x.known() && x.up()).count())))
                .commands(DRILL_COMMANDS);
        if (bat.nominalPower() != null) {
            b.put(Variable.readOnly("ups.realpower.nominal", Integer.toString(bat.nominalPower())));
        }
        return b.build();
    }

    @Override
    public Duration pollInterval() {
        return POLL;
    }

    @Override
    public CommandResult setVar(String var, String value) {
        return CommandResult.UNKNOWN;
    }

    /** Drill commands are answered by power.Drills in front of this driver; nothing else is offered. */
    @Override
    public CommandResult instCmd(String cmd, String param) {
        return CommandResult.UNKNOWN;
    }

    @Override
    public void close() {
        if (prober != null) {
            prober.close();
            prober = null;
        }
    }
}
