package io.gridwatch.config;

import io.gridwatch.power.Schedule;
import io.gridwatch.recovery.RecoverySettings;
import java.time.ZoneId;
import java.util.List;

/**
 * Site-wide settings beside the UPSes: the time zone of schedules, the hosts, how they are woken, and the drill
 * schedules. Immutable.
 */
public record SiteConfig(ZoneId zone, List<HostConfig> hosts, RecoverySettings recovery, String broadcast,
                         int wakePort, List<Schedule> schedules) {
    public SiteConfig {
        hosts = List.copyOf(hosts);
        schedules = List.copyOf(schedules);
    }
}
