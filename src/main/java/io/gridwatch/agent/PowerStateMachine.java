package io.gridwatch.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's decisions as a pure function {@code (state, input, now) -> (state, actions)}: upsmon's rules (a
 * UPS on battery with low battery, or FSD, or on battery then silent for DEADTIME, is critical; the fed power
 * values falling below MINSUPPLIES shuts down; a primary sets FSD and waits HOSTSYNC for the secondaries),
 * the seed's per-host delay after the power fails (cancelled when it returns), charge and runtime floors, drills
 * a host may ignore, upsmon's notifications and upssched-style timers. No I/O, no clock of its own, no threads:
 * the runtime ({@link Agent}) feeds it and performs what it returns.
 */
public final class PowerStateMachine {
    /** A step's result. */
    public record Step(AgentState state, List<AgentAction> actions) {
    }

    private final AgentConfig config;
    private final Map<String, AgentConfig.Monitor> monitors = new HashMap<>();

    public PowerStateMachine(AgentConfig config) {
        this.config = config;
        config.monitors().forEach(m -> monitors.put(m.id(), m));
    }

    public AgentState initial(Instant now) {
        Map<String, AgentState.Ups> ups = new HashMap<>();
        // not heard from yet: NOCOMM if that lasts; no COMMBAD or COMMOK before the first contact (as upsmon)
        config.monitors().forEach(m -> ups.put(m.id(), new AgentState.Ups(false, Set.of(), null, null, false, null,
                false, null, now, now.plus(config.timing().nocommWarn()), null)));
        return new AgentState(ups, AgentState.Phase.WATCHING, null, null, null, Map.of(), null, null, null, Map.of(), null);
    }

    public Step step(AgentState s, AgentInput in, Instant now) {
        if (s.phase() == AgentState.Phase.SHUTTING_DOWN) {
            return new Step(s, List.of()); // the decision is taken and carried out; nothing can call it back
        }
        List<AgentAction> actions = new ArrayList<>();
        AgentState next = switch (in) {
            case AgentInput.Status st -> status(s, st, now, actions);
            case AgentInput.CommLost lost -> commLost(s, lost, now, actions);
            case AgentInput.HubSettings hub -> new AgentState(s.ups(), s.phase(), s.pendingSince(), s.powerBackSince(),
                    s.hostsyncUntil(),
                    s.logins(), s.shutdownReason(), hub.shutdownDelay(), hub.ignoreDrills(), s.timers(), s.reported());
            case AgentInput.Logins l -> {
                Map<String, Integer> logins = new HashMap<>(s.logins());
                logins.put(l.ups(), l.count());
                yield new AgentState(s.ups(), s.phase(), s.pendingSince(), s.powerBackSince(),
                        s.hostsyncUntil(), logins,
                        s.shutdownReason(), s.hubDelay(), s.hubIgnoreDrills(), s.timers(), s.reported());
            }
            case AgentInput.Tick t -> s;
        };
        next = warnings(next, now, actions);
        next = decide(next, now, actions);
        next = timers(next, now, actions);
        return new Step(next, List.copyOf(actions));
    }

    /** The report the hub should show now (for heartbeats). */
    public AgentReport report(AgentState s, Instant now) {
        Duration delay = delay(s);
        Integer delaySeconds = delay == null ? null : (int) delay.toSeconds();
        if (s.phase() != AgentState.Phase.WATCHING) {
            return new AgentReport(AgentReport.SHUTTING_DOWN, null, delaySeconds);
        }
        if (s.pendingSince() != null && delay != null) {
            long left = Duration.between(now, s.pendingSince().plus(delay)).toMillis();
            return new AgentReport(AgentReport.PENDING, (int) Math.max(0, (left + 999) / 1000), delaySeconds);
        }
        return new AgentReport(AgentReport.ONLINE, null, delaySeconds);
    }

    /** The delay in force: the hub's for this host, else the local one; null: only NUT's rules. */
    public Duration delay(AgentState s) {
        return s.hubDelay() != null ? s.hubDelay() : config.policy().shutdownDelay();
    }

    private boolean ignoresDrills(AgentState s) {
        return s.hubIgnoreDrills() != null ? s.hubIgnoreDrills() : config.policy().ignoreDrills();
    }

    /** The flags this host acts on: a drill it ignores looks like mains power. */
    private Set<String> effective(AgentState s, AgentState.Ups u) {
        if (!u.simulated() || !ignoresDrills(s)) {
            return u.flags();
        }
        Set<String> f = new HashSet<>(u.flags());
        f.removeAll(Set.of("OB", "LB", "FSD"));
        f.add("OL");
        return f;
    }

    private AgentState status(AgentState s, AgentInput.Status st, Instant now, List<AgentAction> actions) {
        AgentState.Ups old = s.ups().get(st.ups());
        if (old == null) {
            return s;
        }
        if (!old.commOk() && old.known()) {
            actions.add(notify(UpsmonNotify.COMMOK, st.ups()));
        }
        boolean ob = st.flags().contains("OB");
        boolean oblb = ob && st.flags().contains("LB");
        Instant nextReplbatt = st.flags().contains("RB")
                ? (old.nextReplbatt() == null ? now : old.nextReplbatt()) : null;
        AgentState.Ups fresh = new AgentState.Ups(true, st.flags(), st.charge(), st.runtime(), st.simulated(), now, ob,
                oblb ? (old.obLbSince() != null ? old.obLbSince() : now) : null, null, null, nextReplbatt);
        AgentState next = withUps(s, st.ups(), fresh);
        Set<String> before = old.known() ? effective(s, old) : Set.of();
        Set<String> after = effective(next, fresh);
        transitions(st.ups(), old.known(), before, after, actions);
        return next;
    }

    private void transitions(String ups, boolean known, Set<String> before, Set<String> after,
                             List<AgentAction> actions) {
        if (after.contains("OB") && !before.contains("OB")) {
            actions.add(notify(UpsmonNotify.ONBATT, ups));
        }
        if (known && after.contains("OL") && !before.contains("OL") && before.contains("OB")) {
            actions.add(notify(UpsmonNotify.ONLINE, ups));
        }
        flag(ups, "LB", UpsmonNotify.LOWBATT, null, before, after, actions);
        flag(ups, "FSD", UpsmonNotify.FSD, null, before, after, actions);
        flag(ups, "CAL", UpsmonNotify.CAL, UpsmonNotify.NOTCAL, before, after, actions);
        flag(ups, "OFF", UpsmonNotify.OFF, UpsmonNotify.NOTOFF, before, after, actions);
        flag(ups, "BYPASS", UpsmonNotify.BYPASS, UpsmonNotify.NOTBYPASS, before, after, actions);
    }

    private void flag(String ups, String flag, UpsmonNotify on, UpsmonNotify off, Set<String> before, Set<String> after,
                      List<AgentAction> actions) {
        if (after.contains(flag) && !before.contains(flag)) {
            actions.add(notify(on, ups));
        } else if (off != null && before.contains(flag) && !after.contains(flag)) {
            actions.add(notify(off, ups));
        }
    }

    private AgentState commLost(AgentState s, AgentInput.CommLost lost, Instant now, List<AgentAction> actions) {
        AgentState.Ups old = s.ups().get(lost.ups());
        if (old == null || !old.commOk()) {
            return s;
        }
        if (old.known()) {
            actions.add(new AgentAction.Notify(UpsmonNotify.COMMBAD, lost.ups(),
                    UpsmonNotify.COMMBAD.message(lost.ups()) + ": " + lost.why()));
        }
        return withUps(s, lost.ups(), new AgentState.Ups(old.known(), old.flags(), old.charge(), old.runtime(),
                old.simulated(), old.lastSeen(), old.lastOnBattery(), old.obLbSince(), now,
                now.plus(config.timing().nocommWarn()), old.nextReplbatt()));
    }

    /** NOCOMM and REPLBATT, repeated while the condition lasts. */
    private AgentState warnings(AgentState s, Instant now, List<AgentAction> actions) {
        AgentState next = s;
        for (Map.Entry<String, AgentState.Ups> e : s.ups().entrySet()) {
            AgentState.Ups u = e.getValue();
            if (u.nextNocomm() != null && !now.isBefore(u.nextNocomm())) {
                actions.add(notify(UpsmonNotify.NOCOMM, e.getKey()));
                u = new AgentState.Ups(u.known(), u.flags(), u.charge(), u.runtime(), u.simulated(), u.lastSeen(),
                        u.lastOnBattery(), u.obLbSince(), u.commLostAt(), now.plus(config.timing().nocommWarn()),
                        u.nextReplbatt());
            }
            if (u.commOk() && u.nextReplbatt() != null && !now.isBefore(u.nextReplbatt())) {
                actions.add(notify(UpsmonNotify.REPLBATT, e.getKey()));
                u = new AgentState.Ups(u.known(), u.flags(), u.charge(), u.runtime(), u.simulated(), u.lastSeen(),
                        u.lastOnBattery(), u.obLbSince(), u.commLostAt(), u.nextNocomm(),
                        now.plus(config.timing().replbattWarn()));
            }
            if (u != e.getValue()) {
                next = withUps(next, e.getKey(), u);
            }
        }
        return next;
    }

    /** Whether this UPS can no longer be counted on, and why (null when it can). */
    String critical(AgentState s, String id, Instant now) {
        AgentState.Ups u = s.ups().get(id);
        Set<String> f = effective(s, u);
        boolean drillIgnored = u.simulated() && ignoresDrills(s);
        if (f.contains("FSD")) {
            return "forced shutdown (FSD) on " + id;
        }
        if (!u.commOk() && u.lastOnBattery() && !drillIgnored
                && !now.isBefore(u.lastSeen().plus(config.timing().deadtime()))) {
            return id + " was on battery and has not answered for " + config.timing().deadtime().toSeconds() + " s";
        }
        if (!u.commOk()) {
            return null;
        }
        if (f.contains("OB") && f.contains("LB") && u.obLbSince() != null
                && !now.isBefore(u.obLbSince().plus(config.timing().obLbDuration()))) {
            return "low battery on " + id;
        }
        AgentConfig.Policy p = config.policy();
        if (f.contains("OB") && p.minCharge() > 0 && u.charge() != null && u.charge() < p.minCharge()) {
            return "battery charge " + u.charge() + "% on " + id + " is under " + p.minCharge() + "%";
        }
        if (f.contains("OB") && !p.minRuntime().isZero() && u.runtime() != null
                && u.runtime() < p.minRuntime().toSeconds()) {
            return "battery runtime " + u.runtime() + " s on " + id + " is under " + p.minRuntime().toSeconds() + " s";
        }
        return null;
    }

    private AgentState decide(AgentState s, Instant now, List<AgentAction> actions) {
        if (s.phase() == AgentState.Phase.HOSTSYNC) {
            return hostsync(s, now, actions);
        }
        int fed = 0;
        int onMains = 0;
        List<String> why = new ArrayList<>();
        for (AgentConfig.Monitor m : config.monitors()) {
            String c = critical(s, m.id(), now);
            if (c == null) {
                fed += m.powerValue();
            } else {
                why.add(c);
            }
            AgentState.Ups u = s.ups().get(m.id());
            if (!effective(s, u).contains("OB")) {
                onMains += m.powerValue();
            }
        }
        if (fed < config.minSupplies()) {
            return beginShutdown(s, String.join("; ", why), now, actions);
        }
        Duration delay = delay(s);
        boolean powerLost = onMains < config.minSupplies();
        Instant pending = s.pendingSince();
        Instant back = null;
        if (powerLost) {
            pending = pending != null ? pending : now;
        } else if (pending != null) {
            // a countdown that has started stops only once power has read on line without a break for restore_after
            back = s.powerBackSince() != null ? s.powerBackSince() : now;
            if (!now.isBefore(back.plus(config.policy().restoreAfter()))) {
                pending = null;
                back = null;
            }
        }
        AgentState next = new AgentState(s.ups(), s.phase(), pending, back, null, Map.of(), null, s.hubDelay(),
                s.hubIgnoreDrills(), s.timers(), s.reported());
        if (pending != null && delay != null && !now.isBefore(pending.plus(delay))) {
            String reason = back == null ? "on battery for " + delay.toSeconds() + " s (this host's shutdown delay)"
                    : "the shutdown delay (" + delay.toSeconds() + " s) ran out before power had been back for "
                    + config.policy().restoreAfter().toSeconds() + " s";
            return beginShutdown(next, reason, now, actions);
        }
        return reportIfChanged(next, now, actions);
    }

    private AgentState beginShutdown(AgentState s, String reason, Instant now, List<AgentAction> actions) {
        List<String> primaries = config.monitors().stream().filter(AgentConfig.Monitor::primary)
                .map(AgentConfig.Monitor::id).filter(id -> s.ups().get(id).commOk()).toList();
        if (primaries.isEmpty() || config.timing().hostsync().isZero()) {
            primaries.forEach(id -> actions.add(new AgentAction.SetFsd(id)));
            return finalStep(s, reason, now, actions);
        }
        primaries.forEach(id -> actions.add(new AgentAction.SetFsd(id)));
        primaries.forEach(id -> actions.add(new AgentAction.CountLogins(id)));
        AgentState next = new AgentState(s.ups(), AgentState.Phase.HOSTSYNC, s.pendingSince(), s.powerBackSince(),
                now.plus(config.timing().hostsync()), Map.of(), reason, s.hubDelay(), s.hubIgnoreDrills(), s.timers(),
                s.reported());
        return reportIfChanged(next, now, actions);
    }

    /** upsmon's primary: wait until only this client is logged in to each primary UPS, or HOSTSYNC runs out. */
    private AgentState hostsync(AgentState s, Instant now, List<AgentAction> actions) {
        List<String> waiting = config.monitors().stream().filter(AgentConfig.Monitor::primary)
                .map(AgentConfig.Monitor::id).filter(id -> s.ups().get(id).commOk())
                .filter(id -> s.logins().getOrDefault(id, Integer.MAX_VALUE) > 1).toList();
        if (waiting.isEmpty() || !now.isBefore(s.hostsyncUntil())) {
            return finalStep(s, s.shutdownReason(), now, actions);
        }
        waiting.forEach(id -> actions.add(new AgentAction.CountLogins(id)));
        return s;
    }

    private AgentState finalStep(AgentState s, String reason, Instant now, List<AgentAction> actions) {
        actions.add(notify(UpsmonNotify.SHUTDOWN, null));
        AgentState next = new AgentState(s.ups(), AgentState.Phase.SHUTTING_DOWN, s.pendingSince(), s.powerBackSince(),
                null, Map.of(),
                reason, s.hubDelay(), s.hubIgnoreDrills(), s.timers(), s.reported());
        next = reportIfChanged(next, now, actions);
        actions.add(new AgentAction.Shutdown(reason, now.plus(config.timing().finalDelay()), powerCycle(s)));
        return next;
    }

    /**
     * The UPSes to ask for a power cycle at the end: those this machine is primary for, still in contact, on battery
     * for real (a drill, simulated, never cuts anyone's power).
     */
    private List<String> powerCycle(AgentState s) {
        return config.monitors().stream().filter(AgentConfig.Monitor::primary).map(AgentConfig.Monitor::id)
                .filter(id -> {
                    AgentState.Ups u = s.ups().get(id);
                    return u != null && u.commOk() && u.flags().contains("OB") && !u.simulated();
                }).toList();
    }

    private AgentState reportIfChanged(AgentState s, Instant now, List<AgentAction> actions) {
        AgentReport r = report(s, now);
        AgentReport last = s.reported();
        boolean changed = last == null || !last.status().equals(r.status())
                || !java.util.Objects.equals(last.delaySeconds(), r.delaySeconds());
        if (!changed) {
            return s;
        }
        actions.add(new AgentAction.Report(r));
        return new AgentState(s.ups(), s.phase(), s.pendingSince(), s.powerBackSince(),
                s.hostsyncUntil(), s.logins(), s.shutdownReason(),
                s.hubDelay(), s.hubIgnoreDrills(), s.timers(), r);
    }

    /** upssched: notifications start and cancel timers; expired ones run their command. */
    private AgentState timers(AgentState s, Instant now, List<AgentAction> actions) {
        if (config.timers().isEmpty()) {
            return s;
        }
        Map<String, Instant> running = new HashMap<>(s.timers());
        for (AgentAction a : List.copyOf(actions)) {
            if (a instanceof AgentAction.Notify n) {
                for (AgentConfig.Timer t : config.timers()) {
                    boolean ours = t.ups() == null || n.ups() == null || matches(t.ups(), n.ups());
                    if (ours && t.cancelOn().contains(n.type().name())) {
                        running.remove(t.name());
                    }
                    if (ours && t.startOn().contains(n.type().name())) {
                        running.putIfAbsent(t.name(), now.plus(t.after()));
                    }
                }
            }
        }
        for (AgentConfig.Timer t : config.timers()) {
            Instant at = running.get(t.name());
            if (at != null && !now.isBefore(at)) {
                running.remove(t.name());
                actions.add(new AgentAction.RunTimer(t.name(), t.ups(), t.command()));
            }
        }
        return new AgentState(s.ups(), s.phase(), s.pendingSince(), s.powerBackSince(),
                s.hostsyncUntil(), s.logins(), s.shutdownReason(),
                s.hubDelay(), s.hubIgnoreDrills(), running, s.reported());
    }

    private boolean matches(String timerUps, String id) {
        AgentConfig.Monitor m = monitors.get(id);
        return timerUps.equals(id) || (m != null && timerUps.equals(m.ups()));
    }

    private static AgentAction.Notify notify(UpsmonNotify type, String ups) {
        return new AgentAction.Notify(type, ups, type.message(ups));
    }

    private static AgentState withUps(AgentState s, String id, AgentState.Ups u) {
        Map<String, AgentState.Ups> ups = new HashMap<>(s.ups());
        ups.put(id, u);
        return new AgentState(ups, s.phase(), s.pendingSince(), s.powerBackSince(),
                s.hostsyncUntil(), s.logins(), s.shutdownReason(),
                s.hubDelay(), s.hubIgnoreDrills(), s.timers(), s.reported());
    }
}
