package io.gridwatch.app;

import io.gridwatch.server.NutServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code /healthz} and {@code /readyz} report, checked for real each time they are asked. Liveness (a
 * supervisor restarts the process when it fails): the NUT listener answers {@code VER} on its own port within 2 s,
 * every NUT event loop has come round in the last 5 s, and the heap has head-room after the last collection
 * (under 95 % full). Readiness adds what degrades the service without stopping it: history or the event archive
 * cannot write. Thread-safe.
 */
final class Health {
    static final Duration NUT_ANSWER = Duration.ofSeconds(2);
    static final Duration LOOP_STALL = Duration.ofSeconds(5);
    static final double HEAP_FULL = 0.95;

    private final Supplier<NutServer> nut;
    private final Supplier<List<String>> degraded;

    /** @param degraded what is failing but not fatal (history, the archive), in words */
    Health(Supplier<NutServer> nut, Supplier<List<String>> degraded) {
        this.nut = nut;
        this.degraded = degraded;
    }

    List<String> liveness() {
        List<String> out = new ArrayList<>();
        NutServer server = nut.get();
        if (server == null) {
            out.add("the NUT server is not running");
            return out;
        }
        out.addAll(server.stuck(LOOP_STALL));
        String answer = ask(server);
        if (answer != null) {
            out.add(answer);
        }
        out.addAll(heap());
        return out;
    }

    List<String> readiness() {
        List<String> out = new ArrayList<>(liveness());
        out.addAll(degraded.get());
        return out;
    }

    /** Asks the NUT server for VER on its first address; null when it answered, else what went wrong. */
    private static String ask(NutServer server) {
        List<InetSocketAddress> bound = server.boundAddresses();
        if (bound.isEmpty()) {
            return "the NUT server is not listening";
        }
        InetSocketAddress a = bound.get(0);
        InetAddress host = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        try (Socket s = new Socket()) {
            int ms = (int) NUT_ANSWER.toMillis();
            s.connect(new InetSocketAddress(host, a.getPort()), ms);
            s.setSoTimeout(ms);
            OutputStream out = s.getOutputStream();
            out.write("VER\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line == null ? "the NUT server closed the connection without answering VER" : null;
        } catch (java.io.IOException e) {
            return "the NUT server does not answer on " + host.getHostAddress() + ":" + a.getPort() + " within "
                    + NUT_ANSWER.toSeconds() + " s (" + e.getMessage() + ")";
        }
    }

    /** The heap pools that are nearly full even right after a collection. */
    private static List<String> heap() {
        List<String> out = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            boolean old = p.getName().matches("(?i).*(old|tenured).*"); // young pools are full by design
            MemoryUsage after = p.getType() == MemoryType.HEAP && old && p.isCollectionUsageThresholdSupported()
                    ? p.getCollectionUsage() : null;
            if (after != null && after.getMax() > 0 && after.getUsed() > HEAP_FULL * after.getMax()) {
                out.add("heap pool '" + p.getName() + "' is " + (100 * after.getUsed() / after.getMax())
                        + " % full after the last collection (" + (after.getUsed() >> 20) + " of "
                        + (after.getMax() >> 20) + " MiB)");
            }
        }
        return out;
    }
}
