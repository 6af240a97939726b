import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Detection latency of a sentinel UPS: the time from the moment the last sentinel goes dark (its interface in
 * its namespace goes down) to the moment a NUT client sees {@code OB} in {@code ups.status}. Run by bench/detection-latency.sh, which
 * makes the namespaces and starts the server; this program only cuts links and watches the wire.
 *
 *   java bench/DetectionLatency.java <nut-port> <ups> <rounds> <namespace:interface>...
 */
public class DetectionLatency {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String ups = args[1];
        int rounds = Integer.parseInt(args[2]);
        List<String> links = List.of(args).subList(3, args.length);
        List<Double> latencies = new ArrayList<>();
        List<Double> restores = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            for (int r = 1; r <= rounds; r++) {
                if (r == 1) {
                    waitFor(in, out, ups, "OL", 120);
                }
                Thread.sleep(2000); // on line for a while: every sensor has a fresh good reading
                for (int i = 0; i < links.size() - 1; i++) {
                    link(links.get(i), "down");
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(0, 1000)); // any phase of the probe interval
                long t0 = System.nanoTime();
                link(links.get(links.size() - 1), "down");
                waitFor(in, out, ups, "OB", 60);
                double ms = (System.nanoTime() - t0) / 1e6;
                latencies.add(ms);
                long t1 = System.nanoTime();
                for (String l : links) {
                    link(l, "up");
                }
                waitFor(in, out, ups, "OL", 120);
                double back = (System.nanoTime() - t1) / 1e6;
                restores.add(back);
                System.out.printf("round %d: OB after %.0f ms, OL again after %.0f ms%n", r, ms, back);
            }
        }
        report("detection (last sentinel dark -> OB)", latencies);
        report("restore (sentinels back -> OL)", restores);
    }

    static void report(String what, List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        double median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        System.out.printf("RESULT %s: rounds=%d min_ms=%.0f median_ms=%.0f max_ms=%.0f%n", what, v.size(), v.get(0),
                median, v.get(v.size() - 1));
    }

    /** Polls {@code GET VAR ups ups.status} every 5 ms until it starts with {@code prefix}. */
    static void waitFor(BufferedReader in, OutputStream out, String ups, String prefix, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] ask = ("GET VAR " + ups + " ups.status\n").getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            out.write(ask);
            out.flush();
            String reply = in.readLine();
            String want = "VAR " + ups + " ups.status \"" + prefix;
            if (reply != null && reply.startsWith(want)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(ups + " did not reach " + prefix + " within " + seconds + " s");
    }

    /** Sets {@code namespace:interface} up or down. */
    static void link(String nsAndInterface, String state) throws Exception {
        String[] ni = nsAndInterface.split(":", 2);
        List<String> cmd = List.of("ip", "netns", "exec", ni[0], "ip", "link", "set", ni[1], state);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
