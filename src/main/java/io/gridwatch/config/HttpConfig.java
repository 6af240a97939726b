package io.gridwatch.config;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The {@code http:} section: where the web dashboard and JSON API listen, HTTPS, sessions, and how client reports
 * age. Immutable.
 *
 * @param tls          certificate and key for HTTPS, or null for plain HTTP
 * @param sessionIdle  a dashboard session unused this long is ended
 * @param staleAfter   a protected host whose last report is older than this is shown stale
 * @param offlineAfter a host that reported it was shutting down, silent for this long, is shown offline
 */
public record HttpConfig(InetSocketAddress listen, NutConfig.TlsFiles tls, Duration sessionIdle, Duration staleAfter,
                         Duration offlineAfter) {

    public boolean https() {
        return tls != null;
    }
}
