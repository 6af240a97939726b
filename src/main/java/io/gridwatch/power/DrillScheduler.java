package io.gridwatch.power;

import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs drill schedules against the hub: on every tick (and once at start-up) it finds the entries due since
 * the last check, even if that was before a restart, and applies them; when several are due for one UPS (the
 * server was down over a whole window) only the latest counts, the others are logged as superseded. A one-time
 * entry fires once. It also ends drills whose time is up. Called from one scheduler thread (not thread-safe).
 */
public final class DrillScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(DrillScheduler.class);
    private static final Duration LATE = Duration.ofMinutes(1);
    /** How often the time of the last check is written when nothing fires (each firing writes at once). */
    private static final Duration PERSIST_EVERY = Duration.ofMinutes(1);

    private final UpsHub hub;
    private final Drills drills;
    private final List<Schedule> schedules;
    private final ZoneId zone;
    private final PowerStateStore store;
    private final Clock clock;
    private Instant checkedUntil;
    private Instant persisted;

    public DrillScheduler(UpsHub hub, List<Schedule> schedules, ZoneId zone, PowerStateStore store, Clock clock) {
        this.hub = hub;
        this.drills = new Drills(hub);
        this.schedules = List.copyOf(schedules);
        this.zone = zone;
        this.store = store;
        this.clock = clock;
    }

    public void tick() {
        Instant now = clock.instant();
        endExpiredDrills(now);
        if (checkedUntil == null) {
            persisted = store.lastScheduleCheck().orElse(null);
            checkedUntil = persisted == null ? now : persisted;
        }
        Instant since = checkedUntil;
        Set<String> firedOnce = store.firedOnce();
        List<Schedule> live = schedules.stream().filter(s -> !(s.oneTime() && firedOnce.contains(s.name()))).toList();
        Map<String, ScheduleEvaluator.Firing> lastPerUps = new LinkedHashMap<>();
        Set<String> newlyFired = new LinkedHashSet<>();
        for (ScheduleEvaluator.Firing f : ScheduleEvaluator.due(live, since, now, zone)) {
            if (f.schedule().oneTime()) {
                newlyFired.add(f.schedule().name());
            }
            for (String ups : f.schedule().ups()) {
                ScheduleEvaluator.Firing earlier = lastPerUps.put(ups, f);
                if (earlier != null) {
                    LOG.info("schedule '{}' due at {} for UPS [{}] is superseded by '{}' due at {}",
                            earlier.schedule().name(), earlier.due(), ups, f.schedule().name(), f.due());
                }
            }
        }
        lastPerUps.forEach((ups, f) -> apply(ups, f, now));
        checkedUntil = now;
        // Written when something fired (so a restart never fires it again), else once a minute: an SD card
        // need not take a write every few seconds, and a restart re-reads at most a minute in which nothing fell due.
        if (persisted == null || !lastPerUps.isEmpty() || !newlyFired.isEmpty()
                || !now.isBefore(persisted.plus(PERSIST_EVERY))) {
            store.schedulesChecked(now, newlyFired);
            persisted = now;
        }
    }

    private void apply(String ups, ScheduleEvaluator.Firing f, Instant now) {
        UpsName name = UpsName.of(ups);
        Duration late = Duration.between(f.due(), now);
        String by = "schedule '" + f.schedule().name() + "'"
                + (late.compareTo(LATE) > 0 ? " (due " + f.due() + ", " + late.toMinutes() + " min late)" : "");
        boolean changed = f.schedule().action() == Schedule.Action.START
                ? drills.start(name, by, null) : drills.stop(name, by);
        LOG.info("{} {} a drill on UPS [{}]{}", by, f.schedule().action() == Schedule.Action.START ? "starts" : "stops",
                ups, changed ? "" : " (nothing to do)");
    }

    private void endExpiredDrills(Instant now) {
        for (UpsSnapshot s : hub.snapshots()) {
            if (s.drilling() && s.drill().until() != null && !now.isBefore(s.drill().until())) {
                drills.stop(s.name(), "time up (started by " + s.drill().by() + ")");
            }
        }
    }
}
