package io.gridwatch.coordination;

import java.time.Duration;

/**
 * {@code coordination:}: the servers of one site share a PostgreSQL database to choose which of them does the
 * once-only work (notifications, Wake-on-LAN, reports, SSH shutdowns). Absent: this server is alone and does it all.
 *
 * @param site     the site's name in the database (several sites may share one)
 * @param server   this server's name among the site's servers
 * @param lease    how long a leader's claim lasts without renewal; a dead leader is replaced within about this
 * @param window   how far apart two servers' sightings of one event may be and still be the same event
 */
public record CoordinationSettings(String site, String server, String url, String user, String password,
                                   Duration lease, Duration window) {
    @Override
    public String toString() {
        return "coordination{site=" + site + ", server=" + server + ", lease=" + lease + "}";
    }
}
