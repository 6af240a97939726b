package io.gridwatch.notify;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.StatusFlag;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.UpsStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns hub events into notifications with the built-in wording: a status change into power lost / restored /
 * low battery / replace battery, a client's new state into "shutting down", and so on. Remembers what it needs
 * to: which outages a drill caused (so the matching restore is marked as a drill too, though it arrives after
 * the drill stopped), when each outage began, each client's last state. Called from one event thread.
 */
public final class EventMapper {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Function<String, Optional<UpsSnapshot>> snapshots;
    private final Supplier<ZoneId> zone;
    private final Set<String> drilling = new HashSet<>();
    private final Set<String> drillOutages = new HashSet<>();
    private final Map<String, Instant> outageSince = new HashMap<>();
    private final Map<String, ClientState.State> clients = new HashMap<>();

    private final NotifyMemory memory;

    /** Without memory across restarts (tests). */
    public EventMapper(Function<String, Optional<UpsSnapshot>> snapshots, Supplier<ZoneId> zone) {
        this(snapshots, zone, NotifyMemory.open(null));
    }

    EventMapper(Function<String, Optional<UpsSnapshot>> snapshots, Supplier<ZoneId> zone, NotifyMemory memory) {
        this.snapshots = snapshots;
        this.zone = zone;
        this.memory = memory;
    }

    /** The notifications an event calls for (often none). */
    public List<Notification> map(UpsEvent event) {
        String ups = event.ups().value();
        List<Notification> out = new ArrayList<>();
        switch (event) {
            case UpsEvent.StatusChanged s -> status(ups, s, out);
            case UpsEvent.FsdSet f -> out.add(note(NotifyType.FSD, ups, f.at(), "Forced shutdown: " + ups,
                    "Forced shutdown (FSD) was set on " + ups + " by " + f.by() + " at " + time(f.at())
                            + ". Every machine it protects shuts down now.", Map.of("by", f.by())));
            case UpsEvent.CommLost c when UpsHub.DRIVER_STOPPED.equals(c.reason()) -> {
                // the server stopping: not a loss of contact, and not remembered as one (the next start's first
                // contact is then no "contact is back")
            }
            case UpsEvent.CommLost c -> {
                remember(ups, null, true);
                out.add(note(NotifyType.COMM_LOST, ups, c.at(), "Lost contact with " + ups, "Gridwatch lost "
                        + "contact with " + ups + " at " + time(c.at()) + ": " + c.reason()
                        + ". Its clients see the data as stale.", Map.of("reason", c.reason())));
            }
            case UpsEvent.CommRestored c -> {
                NotifyMemory.Ups was = memory.get(ups);
                remember(ups, null, false);
                if (was != null && was.commLost()) { // first contact after a start is not "contact is back"
                    out.add(note(NotifyType.COMM_RESTORED, ups, c.at(), "Contact with " + ups + " is back",
                            "Fresh data from " + ups + " again at " + time(c.at()) + ".", Map.of()));
                }
            }
            case UpsEvent.DrillStarted d -> {
                drilling.add(ups);
                out.add(note(NotifyType.DRILL_STARTED, ups, d.at(), "Drill started on " + ups, "A drill (simulated "
                        + "outage) started on " + ups + " by " + d.by() + " at " + time(d.at()) + ".", Map.of("by", d.by())));
            }
            case UpsEvent.DrillStopped d -> {
                drilling.remove(ups);
                out.add(note(NotifyType.DRILL_STOPPED, ups, d.at(), "Drill ended on " + ups, "The drill on " + ups
                        + " was stopped by " + d.by() + " at " + time(d.at()) + ".", Map.of("by", d.by())));
            }
            case UpsEvent.WakeSent w -> out.add(note(NotifyType.WAKE_SENT, ups, w.at(), "Wake-on-LAN sent to " + w.host(),
                    "Magic packet " + w.attempt() + " went to " + w.host() + " (" + w.by() + ") at " + time(w.at()) + ".",
                    Map.of("host", w.host(), "attempt", String.valueOf(w.attempt()))));
            case UpsEvent.WakeFailed w -> out.add(note(NotifyType.WAKE_FAILED, ups, w.at(), w.host() + " did not wake up",
                    w.host() + " did not wake up after power returned to " + ups + ": " + w.reason() + ".",
                    Map.of("host", w.host(), "reason", w.reason())));
            case UpsEvent.ClientStale c -> out.add(note(NotifyType.CLIENT_STALE, ups, c.at(), c.host()
                    + " stopped reporting", c.host() + " (on " + ups + ") has not reported for "
                    + minutes(c.silentFor()) + ". Is its agent running?", Map.of("host", c.host())));
            case UpsEvent.ClientOffline c -> out.add(note(NotifyType.CLIENT_OFFLINE, ups, c.at(), c.host() + " is off",
                    c.host() + " (on " + ups + ") reported it was shutting down and has been silent for "
                            + minutes(c.silentFor()) + ": it is off.", Map.of("host", c.host())));
            case UpsEvent.ClientChanged c -> client(ups, c, out);
            default -> { }
        }
        return out;
    }

    /** Records what was last announced for {@code ups}: its status (null: unchanged) and whether contact is lost. */
    private void remember(String ups, UpsStatus status, boolean commLost) {
        NotifyMemory.Ups was = memory.get(ups);
        String line = status != null ? io.gridwatch.hub.EventText.status(status) : was == null ? null : was.status();
        memory.put(ups, new NotifyMemory.Ups(line, outageSince.get(ups), commLost, drillOutages.contains(ups)));
    }

    private void status(String ups, UpsEvent.StatusChanged s, List<Notification> out) {
        UpsStatus from = s.from();
        UpsStatus to = s.to();
        NotifyMemory.Ups was = memory.get(ups);
        if (from.flags().isEmpty() && from.others().isEmpty() && was != null && was.status() != null) {
            // the first status after a start: compared with what the last run announced, not with nothing
            from = UpsStatus.parse(was.status());
            if (was.outageSince() != null) {
                outageSince.putIfAbsent(ups, was.outageSince());
            }
            if (was.drillOutage()) {
                drillOutages.add(ups);
            }
        }
        boolean drill = drilling.contains(ups);
        if (to.onBattery() && !from.onBattery()) {
            outageSince.put(ups, s.at());
            if (drill) {
                drillOutages.add(ups);
            }
            out.add(note(NotifyType.POWER_LOST, ups, s.at(), "Power lost: " + ups + " is on battery", ups
                    + " went on battery at " + time(s.at()) + "." + battery(ups), Map.of()).withDrill(drill));
        }
        if (from.onBattery() && !to.onBattery() && to.flags().contains(StatusFlag.OL)) {
            Instant since = outageSince.remove(ups);
            boolean wasDrill = drillOutages.remove(ups) || drill;
            String lasted = since == null ? "" : " after " + minutes(Duration.between(since, s.at())) + " on battery";
            out.add(note(NotifyType.POWER_RESTORED, ups, s.at(), "Power restored: " + ups + " is on line power", ups
                    + " is back on line power at " + time(s.at()) + lasted + "." + battery(ups), Map.of())
                    .withDrill(wasDrill));
        }
        if (to.lowBattery() && !from.lowBattery()) {
            out.add(note(NotifyType.LOW_BATTERY, ups, s.at(), "Low battery: " + ups, ups + " reports low battery at "
                    + time(s.at()) + "." + battery(ups) + " The machines it protects shut down now.", Map.of())
                    .withDrill(drill || drillOutages.contains(ups)));
        }
        if (to.flags().contains(StatusFlag.RB) && !from.flags().contains(StatusFlag.RB)) {
            out.add(note(NotifyType.REPLACE_BATTERY, ups, s.at(), "Replace the battery of " + ups, ups
                    + " reports that its battery needs replacing (RB).", Map.of()));
        }
        remember(ups, to, was != null && was.commLost());
    }

    private void client(String ups, UpsEvent.ClientChanged c, List<Notification> out) {
        ClientState cs = c.client();
        ClientState.State before = clients.put(cs.host(), cs.state());
        if (cs.state() == ClientState.State.SHUTTING_DOWN && before != ClientState.State.SHUTTING_DOWN) {
            out.add(note(NotifyType.CLIENT_SHUTDOWN, ups, c.at(), cs.host() + " is shutting down", cs.host()
                    + " (on " + ups + ") started shutting down at " + time(c.at()) + ".", Map.of("host", cs.host()))
                    .withDrill(drilling.contains(ups) || drillOutages.contains(ups)));
        }
        if (cs.state() == ClientState.State.SHUTDOWN_FAILED && before != ClientState.State.SHUTDOWN_FAILED) {
            out.add(note(NotifyType.CLIENT_SHUTDOWN_FAILED, ups, c.at(), cs.host() + " could not be shut down",
                    cs.host() + " (on " + ups + ") could not be shut down over SSH at " + time(c.at()) + ": "
                            + (cs.note() == null ? "no reason given" : cs.note()) + ". It is still running on battery.",
                    Map.of("host", cs.host())).withDrill(drilling.contains(ups) || drillOutages.contains(ups)));
        }
    }

    private Notification note(NotifyType type, String ups, Instant at, String title, String message,
                              Map<String, String> extra) {
        Map<String, String> f = new LinkedHashMap<>(fields(ups));
        f.putAll(extra);
        return Notification.of(type, ups, title, message, f, at);
    }

    /** The UPS's description and main readings, for templates and payloads. */
    private Map<String, String> fields(String ups) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ups", ups);
        snapshots.apply(ups).ifPresent(s -> {
            put(f, "description", s.description());
            put(f, "status", s.statusLine());
            put(f, "charge", s.device().value("battery.charge"));
            put(f, "runtime", s.device().value("battery.runtime"));
            put(f, "load", s.device().value("ups.load"));
            put(f, "input_voltage", s.device().value("input.voltage"));
        });
        return f;
    }

    private String battery(String ups) {
        Map<String, String> f = fields(ups);
        StringBuilder b = new StringBuilder();
        if (f.containsKey("charge")) {
            b.append(" Battery ").append(f.get("charge")).append(" %");
        }
        if (f.containsKey("runtime")) {
            try {
                long sec = (long) Double.parseDouble(f.get("runtime"));
                b.append(b.isEmpty() ? " About " : ", about ").append(minutes(Duration.ofSeconds(sec))).append(" left");
            } catch (NumberFormatException e) {
                // a runtime that is not a number is not worth a sentence
            }
        }
        return b.isEmpty() ? "" : b + ".";
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private String time(Instant at) {
        return CLOCK.format(at.atZone(zone.get()));
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
