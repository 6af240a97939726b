package io.gridwatch.config;

import java.time.Duration;

/**
 * A machine on the site: protected by a UPS (shut down in time by its agent or client) and/or woken by
 * Gridwatch when power returns. Immutable.
 *
 * @param displayName   how people call it (spaces allowed); the name itself when not set
 * @param probe         how to tell it is up: {@code icmp}, {@code tcp:<port>} or an http(s) URL
 * @param shutdownDelay for clients that ask the hub (the UPS_Server_Docker contract); null when not a client
 */
public record HostConfig(String name, String displayName, String ups, String address, String mac, String broadcast, boolean wake,
                         int group, Duration groupWait, String probe, Duration shutdownDelay, boolean ignoreDrills) {
}
