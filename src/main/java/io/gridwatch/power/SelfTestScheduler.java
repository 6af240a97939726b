package io.gridwatch.power;

import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each UPS's scheduled battery self-test (an instant command, usually test.battery.start.quick) once in
 * its minute; the command's outcome is a hub event like any other, and the UPS's ups.test.result shows in the
 * report. {@link #tick} is called every few seconds by the site's scheduler; time comes from the clock.
 */
public final class SelfTestScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SelfTestScheduler.class);

    private final UpsHub hub;
    private final Map<UpsName, SelfTest> plans;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, ZonedDateTime> fired = new HashMap<>();

    /** @param plans each UPS's self-test (UPSes without one are not in the map) */
    public SelfTestScheduler(UpsHub hub, Map<UpsName, SelfTest> plans, ZoneId zone, Clock clock) {
        this.hub = hub;
        this.plans = Map.copyOf(plans);
        this.zone = zone;
        this.clock = clock;
    }

    /** Starts every self-test due in the current minute that has not been started in it yet. */
    public synchronized void tick() {
        ZonedDateTime minute = clock.instant().atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        for (Map.Entry<UpsName, SelfTest> p : plans.entrySet()) {
            UpsName ups = p.getKey();
            SelfTest t = p.getValue();
            if (t.dueAt(minute) && !minute.equals(fired.get(ups.value()))) {
                fired.put(ups.value(), minute);
                LOG.info("UPS [{}]: scheduled battery self-test: {}", ups, t.command());
                hub.instCmd(ups, t.command(), null, "self-test schedule").whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.warn("UPS [{}]: self-test {} failed: {}", ups, t.command(), e.getMessage());
                    }
                });
            }
        }
    }
}
