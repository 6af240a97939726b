package io.gridwatch.testing;

import com.sun.net.httpserver.HttpServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.HexFormat;

/**
 * A machine that is "off" until Wake-on-LAN wakes it, for tests: run inside a test host's network namespace, it
 * listens for magic packets on UDP and, after {@code packets} packets for its MAC (0: never), "boots" by starting a
 * web service that answers 200 (what the server's probe checks). Prints {@code packet <n> <nanos>} for every
 * packet for its MAC and {@code booted <nanos>} when it boots; runs until killed.
 *
 * <p>Arguments: mac, packets needed, UDP port, HTTP port.
 */
public final class WakeListener {
    private WakeListener() {
    }

    public static void main(String[] args) throws Exception {
        String mac = args[0].replace(":", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
        int needed = Integer.parseInt(args[1]);
        int udp = Integer.parseInt(args[2]);
        int http = Integer.parseInt(args[3]);
        String expected = "ffffffffffff" + mac.repeat(16);
        int seen = 0;
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(true);
            s.setBroadcast(true);
            s.bind(new InetSocketAddress(udp));
            System.out.println("listening " + System.currentTimeMillis());
            byte[] buf = new byte[1500];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                if (!HexFormat.of().formatHex(p.getData(), 0, p.getLength()).equals(expected)) {
                    continue;
                }
                seen++;
                System.out.println("packet " + seen + " " + System.currentTimeMillis());
                if (seen == needed) {
                    HttpServer web = HttpServer.create(new InetSocketAddress(http), 16);
                    web.createContext("/", ex -> {
                        ex.sendResponseHeaders(200, -1);
                        ex.close();
                    });
                    web.start();
                    System.out.println("booted " + System.currentTimeMillis());
                }
            }
        }
    }
}
