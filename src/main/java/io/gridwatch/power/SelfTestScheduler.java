package io.gridwatch.power;

import io.gridwatch.config.UpsConfig;
import io.gridwatch.hub.UpsHub;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
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
    private final List<UpsConfig> ups;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<String, ZonedDateTime> fired = new HashMap<>();

    public SelfTestScheduler(UpsHub hub, List<UpsConfig> ups, ZoneId zone, Clock clock) {
        this.hub = hub;
        this.ups = ups.stream().filter(u -> u.selfTest() != null).toList();
        this.zone = zone;
        this.clock = clock;
    }

    /** Starts every self-test due in the current minute that has not been started in it yet. */
    public synchronized void tick() {
        ZonedDateTime minute = clock.instant().atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        for (UpsConfig u : ups) {
            UpsConfig.SelfTest t = u.selfTest();
            if (t.dueAt(minute) && !minute.equals(fired.get(u.name().value()))) {
                fired.put(u.name().value(), minute);
                LOG.info("UPS [{}]: scheduled battery self-test: {}", u.name(), t.command());
                hub.instCmd(u.name(), t.command(), null, "self-test schedule").whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.warn("UPS [{}]: self-test {} failed: {}", u.name(), t.command(), e.getMessage());
                    }
                });
            }
        }
    }
}
