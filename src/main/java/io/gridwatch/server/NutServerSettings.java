package io.gridwatch.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the NUT listener runs: addresses (IPv4 and IPv6), MAXCONN, the idle timeout, the number of event-loop
 * threads and the TCP accept backlog. Immutable.
 */
public record NutServerSettings(List<InetSocketAddress> listen, int maxConnections, Duration idleTimeout,
                                int eventLoops, int backlog) {
    public NutServerSettings {
        listen = List.copyOf(listen);
    }
}
