package io.gridwatch.recovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Sends magic packets over UDP to a (broadcast) address and port, 9 by default. An interface so that tests and
 * the planner can be wired to a loopback receiver. Implementations are thread-safe.
 */
public interface WakeSender {
    void send(String mac, InetSocketAddress to) throws IOException;

    /** The real sender: one UDP datagram per call, broadcast allowed. */
    static WakeSender udp() {
        return (mac, to) -> {
            byte[] packet = MagicPacket.build(mac);
            try (DatagramSocket s = new DatagramSocket()) {
                s.setBroadcast(true);
                s.send(new DatagramPacket(packet, packet.length, to));
            }
        };
    }
}
