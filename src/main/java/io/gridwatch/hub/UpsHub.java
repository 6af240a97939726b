package io.gridwatch.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The single source of truth for the power state of every UPS on the site. Drivers (through their runners)
 * write into it; the NUT server, HTTP API, history, notifications and metrics read snapshots and subscribe to
 * its {@link UpsEvent}s. It also holds upsd's FSD latch (released by {@link FsdLatch}'s rule), the drill in
 * progress, and routes SET VAR / INSTCMD to each UPS's command sink.
 *
 * <p>Thread-safe: reads are lock-free (volatile snapshots); changes to one UPS are serialized on its entry.
 * UPSes are registered once, at composition time, in configuration order (that is {@code LIST UPS} order).
 */
public final class UpsHub implements AutoCloseable {
    private final Clock clock;
    private final Duration maxAge;
    private final Duration fsdClearAfter;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final List<Entry> ordered = new CopyOnWriteArrayList<>();
    private final EventBus bus = new EventBus();
    private final List<Consumer<UpsEvent>> durable = new CopyOnWriteArrayList<>();

    /**
     * @param maxAge        data older than this is stale (upsd's MAXAGE)
     * @param fsdClearAfter once a UPS that was on battery has been back on line this long, its FSD latch is
     *                      released, so that machines powering back up are not told to shut down again;
     *                      null keeps the latch until restart, as upsd does
     */
    public UpsHub(Clock clock, Duration maxAge, Duration fsdClearAfter) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.fsdClearAfter = fsdClearAfter;
    }

    /** Adds a UPS, not yet connected to its driver. */
    public void register(UpsName name, String description, CommandSink sink) {
        register(name, description, sink, false);
    }

    /**
     * Adds a UPS, not yet connected to its driver. {@code drillable}: its driver models the power itself
     * (mains sensors), so drills apply ({@link #setDrill}); its sink answers the drill INSTCMDs
     * ({@code power.Drills#commands}).
     */
    public void register(UpsName name, String description, CommandSink sink, boolean drillable) {
        Entry e = new Entry(name, sink, drillable, new UpsSnapshot(name, description, DeviceState.EMPTY,
                DriverStatus.NOT_CONNECTED, false, List.of(), null, clock.instant()), fsdClearAfter);
        if (byKey.putIfAbsent(name.key(), e) != null) {
            throw new IllegalArgumentException("UPS '" + name + "' is registered twice");
        }
        ordered.add(e);
    }

    /** A UPS by the name a client typed (any case). */
    public Optional<UpsSnapshot> find(String name) {
        Entry e = entry(name);
        return e == null ? Optional.empty() : Optional.of(e.snapshot);
    }

    /** A snapshot and whether it may be served, found with one lookup (the NUT server's hot path). */
    public record Served(UpsSnapshot snapshot, Availability availability) {
    }

    /** The UPS a client named (any case) with its availability now, or null when there is no such UPS. */
    public Served serve(String name) {
        Entry e = entry(name);
        if (e == null) {
            return null;
        }
        UpsSnapshot s = e.snapshot;
        return new Served(s, availability(e, s));
    }

    public UpsSnapshot snapshot(UpsName name) {
        return require(name).snapshot;
    }

    /** All UPSes, in configuration order. */
    public List<UpsSnapshot> snapshots() {
        List<UpsSnapshot> out = new ArrayList<>(ordered.size());
        for (Entry e : ordered) {
            out.add(e.snapshot);
        }
        return out;
    }

    public List<UpsName> names() {
        return ordered.stream().map(e -> e.name).toList();
    }

    /** Whether the UPS's data may be served now (upsd's DRIVER-NOT-CONNECTED / DATA-STALE rules). */
    public Availability availability(UpsSnapshot s) {
        return availability(require(s.name()), s);
    }

    private Availability availability(Entry e, UpsSnapshot s) {
        return switch (s.driver()) {
            case NOT_CONNECTED -> Availability.DRIVER_NOT_CONNECTED;
            case STALE -> Availability.DATA_STALE;
            case OK -> isTimeStale(e) ? Availability.DATA_STALE : Availability.OK;
        };
    }

    /** The driver delivered fresh data. */
    public void update(UpsName name, DeviceState device) {
        update(name, device, null);
    }

    /**
     * One reading of a driver: fresh data ({@code device}; null when there is none this round) and, for a UPS known
     * through mains sensors, the sensors as they are now ({@code sensors}; null for a driver without any). The
     * snapshot changes once; each sensor going up or down is an event, before the state's.
     */
    public void update(UpsName name, DeviceState device, List<SensorStatus> sensors) {
        Entry e = require(name);
        synchronized (e) {
            Instant now = clock.instant();
            UpsSnapshot old = e.snapshot;
            UpsSnapshot next = old;
            if (device != null) {
                e.lastFresh = now.toEpochMilli();
                boolean fsd = old.fsd() && !e.latch.release(device.status(), now);
                if (old.driver() != DriverStatus.OK || !old.device().equals(device) || old.fsd() != fsd) {
                    next = next.with(device, DriverStatus.OK, fsd, now);
                }
            }
            if (sensors != null && !old.sensors().equals(sensors)) {
                next = next.withSensors(sensors, now);
            }
            if (next == old) {
                return;
            }
            replace(e, next, null);
            if (old.fsd() && !next.fsd()) {
                publishDurable(new UpsEvent.FsdCleared(name, now, "power back on line for "
                        + fsdClearAfter.toSeconds() + " s"));
            }
        }
    }

    /** The reason given when a driver is stopped on purpose (the server stopping): not a fault, logged as info. */
    public static final String DRIVER_STOPPED = "driver stopped";

    /** The driver's health changed (started, lost the UPS, stopped). */
    public void driverStatus(UpsName name, DriverStatus status, String reason) {
        Entry e = require(name);
        synchronized (e) {
            UpsSnapshot old = e.snapshot;
            if (old.driver() == status) {
                return;
            }
            if (status == DriverStatus.OK) {
                e.lastFresh = clock.millis();
            }
            replace(e, old.with(old.device(), status, old.fsd(), clock.instant()), reason);
        }
    }

    /** Marks UPSes whose driver stopped updating as stale; the driver runners call this periodically. */
    public void checkStaleness(UpsName name) {
        Entry e = require(name);
        if (e.snapshot.driver() == DriverStatus.OK && isTimeStale(e)) {
            driverStatus(name, DriverStatus.STALE, "no data from the driver for over " + maxAge.toSeconds() + " s");
        }
    }

    /**
     * Adds a listener called on the publishing thread, before the call that caused it returns, for the events
     * that must be on record before a client is told "OK": FSD set or released, a command accepted. It must be
     * quick (a write and an fsync); what it throws is passed on to nobody (the change stands).
     */
    public void onDurable(Consumer<UpsEvent> listener) {
        durable.add(listener);
    }

    private void publishDurable(UpsEvent event) {
        for (Consumer<UpsEvent> l : durable) {
            try {
                l.accept(event);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(UpsHub.class).error("could not record {} for UPS [{}]: {}",
                        EventText.type(event), event.ups(), ex.toString());
            }
        }
        bus.publish(event);
    }

    /** Sets the FSD latch (upsd's FSD command); idempotent. Recorded durably before it returns. */
    public void setFsd(UpsName name, String by) {
        Entry e = require(name);
        synchronized (e) {
            UpsSnapshot old = e.snapshot;
            if (old.fsd()) {
                return;
            }
            e.latch.set(old.device().status().onBattery());
            replace(e, old.with(old.device(), old.driver(), true, clock.instant()), null);
            publishDurable(new UpsEvent.FsdSet(name, clock.instant(), by));
        }
    }

    /**
     * Puts back an FSD latch that was set when the server stopped (no FsdSet event: it was never released). It is
     * released by the usual rule once power has been back long enough.
     */
    public void restoreFsd(UpsName name) {
        Entry e = require(name);
        synchronized (e) {
            UpsSnapshot old = e.snapshot;
            if (!old.fsd()) {
                e.latch.restore();
                e.snapshot = old.with(old.device(), old.driver(), true, old.changed());
            }
        }
    }

    /** Clears the FSD latch by hand (API, CLI). */
    public void clearFsd(UpsName name, String by) {
        Entry e = require(name);
        synchronized (e) {
            UpsSnapshot old = e.snapshot;
            if (old.fsd()) {
                replace(e, old.with(old.device(), old.driver(), false, clock.instant()), null);
                publishDurable(new UpsEvent.FsdCleared(name, clock.instant(), "cleared by " + by));
            }
        }
    }

    /**
     * Starts ({@code drill} given) or stops ({@code drill} null) the drill on a drillable UPS, with its events;
     * false when there is nothing to do (already in that state, or drills do not apply). Drill control (timing,
     * the INSTCMDs, reading the state again) is {@code power.Drills}'s.
     */
    public boolean setDrill(UpsName name, DrillInfo drill, String by) {
        Entry e = require(name);
        if (!e.drillable) {
            return false;
        }
        synchronized (e) {
            UpsSnapshot old = e.snapshot;
            if (old.drilling() == (drill != null)) {
                return false;
            }
            Instant now = clock.instant();
            e.snapshot = old.withDrill(drill, now);
            bus.publish(drill != null ? new UpsEvent.DrillStarted(name, now, by) : new UpsEvent.DrillStopped(name, now, by));
            bus.publish(new UpsEvent.StateChanged(name, now, old, e.snapshot));
            return true;
        }
    }

    /** Asks the UPS's driver to read its state again now; completes once the hub holds it. */
    public CompletableFuture<Void> refresh(UpsName name) {
        return require(name).sink.refresh();
    }

    /** Puts back a drill that was in progress when the server stopped (no event: it never ended). */
    public void restoreDrill(UpsName name, DrillInfo drill) {
        Entry e = require(name);
        synchronized (e) {
            e.snapshot = e.snapshot.withDrill(drill, e.snapshot.changed());
        }
    }

    /** Passes on an event of another component (recovery, client tracking) to every subscriber. */
    public void publish(UpsEvent event) {
        require(event.ups());
        bus.publish(event);
    }

    /** Relays a SET VAR to the driver; the request is recorded durably before this returns. */
    public CompletableFuture<CommandResult> setVar(UpsName name, String var, String value, String by) {
        Entry e = require(name);
        String what = "SET " + var + "=" + value;
        publishDurable(new UpsEvent.CommandRequested(name, clock.instant(), by, what));
        return relay(name, what, by, e.sink.setVar(var, value));
    }

    /** Relays an INSTCMD to the UPS's command sink; the request is recorded durably before this returns. */
    public CompletableFuture<CommandResult> instCmd(UpsName name, String cmd, String param, String by) {
        String what = "INSTCMD " + cmd + (param == null ? "" : " " + param);
        Entry e = require(name);
        publishDurable(new UpsEvent.CommandRequested(name, clock.instant(), by, what));
        return relay(name, what, by, e.sink.instCmd(cmd, param, by));
    }

    /** Whether drills apply to this UPS. */
    public boolean drillable(UpsName name) {
        return require(name).drillable;
    }

    public EventBus.Subscription subscribe(String subscriber, Consumer<? super UpsEvent> consumer) {
        return bus.subscribe(subscriber, consumer);
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        bus.close();
    }

    private CompletableFuture<CommandResult> relay(UpsName name, String what, String by,
                                                   CompletableFuture<CommandResult> result) {
        return result.whenComplete((r, ex) -> bus.publish(new UpsEvent.CommandFinished(name, clock.instant(), by,
                what, ex != null ? CommandResult.FAILED : r)));
    }

    /** Puts {@code next} in place and publishes what the change means ({@link Changes}). */
    private void replace(Entry e, UpsSnapshot next, String reason) {
        UpsSnapshot old = e.snapshot;
        e.snapshot = next;
        Changes.between(e.name, old, next, reason).forEach(bus::publish);
    }

    private boolean isTimeStale(Entry e) {
        return clock.millis() - e.lastFresh > maxAge.toMillis();
    }

    private Entry entry(String name) {
        return byKey.get(name.toLowerCase(Locale.ROOT));
    }

    private Entry require(UpsName name) {
        Entry e = byKey.get(name.key());
        if (e == null) {
            throw new IllegalArgumentException("unknown UPS '" + name + "'");
        }
        return e;
    }

    private static final class Entry {
        final UpsName name;
        final CommandSink sink;
        final boolean drillable;
        volatile UpsSnapshot snapshot;
        volatile long lastFresh;
        final FsdLatch latch;

        Entry(UpsName name, CommandSink sink, boolean drillable, UpsSnapshot snapshot, Duration fsdClearAfter) {
            this.latch = new FsdLatch(fsdClearAfter);
            this.name = name;
            this.sink = sink;
            this.drillable = drillable;
            this.snapshot = snapshot;
        }
    }
}
