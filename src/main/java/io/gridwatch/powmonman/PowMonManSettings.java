package io.gridwatch.powmonman;

import io.gridwatch.hub.UpsName;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code powmonman:} section: serve one UPS's mains state to unmodified PowMonMan clients (UDP announce,
 * TCP {@code on}/{@code off}). Absent: not served ({@link #off()}). Immutable.
 *
 * @param ups      the UPS whose state is told
 * @param listen   where the status requests are answered (the clients' port_number, 7444)
 * @param announce where the announce datagram goes (the clients' udp_port_number, 7443, on the broadcast address)
 * @param interval time between announces
 */
public record PowMonManSettings(boolean enabled, UpsName ups, List<InetSocketAddress> listen,
                              List<InetSocketAddress> announce, Duration interval) {
    public static final int TCP_PORT = 7444;
    public static final int UDP_PORT = 7443;

    public PowMonManSettings {
        listen = List.copyOf(listen);
        announce = List.copyOf(announce);
    }

    public static PowMonManSettings off() {
        return new PowMonManSettings(false, null, List.of(), List.of(), Duration.ofSeconds(5));
    }
}
