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
 * @param seed         extra plain-HTTP listeners for UPS_Server_Docker's clients
 */
public record HttpConfig(InetSocketAddress listen, NutConfig.TlsFiles tls, Duration sessionIdle, Duration staleAfter,
                         Duration offlineAfter, SeedListeners seed) {

    /**
     * Where UPS_Server_Docker's clients find their hub ({@code http://server:5000}): listeners that serve only
     * {@code /config}, {@code /upsc}, {@code /status} and {@code /version}, in plain HTTP as the original did.
     *
     * @param listen  the addresses (empty: none; the routes are still on the main listener)
     * @param upsHost what {@code /config}'s {@code UPS_NAME} names after the '@' (the original's UPS_SERVER_HOST_IP);
     *                null: the address the client reached
     */
    public record SeedListeners(java.util.List<InetSocketAddress> listen, String upsHost) {
        public SeedListeners {
            listen = java.util.List.copyOf(listen);
        }

        public static SeedListeners none() {
            return new SeedListeners(java.util.List.of(), null);
        }
    }

    public boolean https() {
        return tls != null;
    }
}
