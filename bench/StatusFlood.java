import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Floods a Gridwatch server's {@code POST /status} (the seed's client route, with a client token) and measures
 * what it costs the server: RSS before and after, and NUT {@code GET VAR} latency, sampled every 2 ms on one held
 * connection while the flood runs. Phase 1: {@code count} reports from unknown addresses, each body padded to
 * {@code pad} bytes; phase 2: {@code count} valid reports for the configured host. Each request comes from its own
 * loopback source address (127.x.y.z), so the per-address rate limit does not hide the storage bounds; one
 * connection per request, {@code threads} at a time. Bounded: it stops when both phases are sent.
 *
 * <pre>java bench/StatusFlood.java http=PORT nut=PORT token=TOKEN pid=PID ups=NAME host-ip=IP [count=10000]
 * [pad=100000] [threads=8] [rounds=1]</pre>
 */
public final class StatusFlood {
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            o.put(kv[0], kv[1]);
        }
        int http = Integer.parseInt(o.get("http"));
        int nut = Integer.parseInt(o.get("nut"));
        String token = o.get("token");
        long pid = Long.parseLong(o.get("pid"));
        String ups = o.get("ups");
        int count = Integer.parseInt(o.getOrDefault("count", "10000"));
        int pad = Integer.parseInt(o.getOrDefault("pad", "100000"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        String hostIp = o.get("host-ip");

        long rssBefore = rss(pid);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> sample(nut, ups, latencies, running));
        String padding = "x".repeat(pad);
        long t0 = System.nanoTime();
        int[] codes1 = flood(http, token, count, threads, i -> "{\"ip\":\"198.18." + (i >> 8 & 255) + "." + (i & 255)
                + "\",\"status\":\"online\",\"pad\":\"" + padding + "\"}");
        long rssMid = rss(pid);
        int[] codes2 = flood(http, token, count, threads, i -> "{\"ip\":\"" + hostIp + "\",\"status\":\""
                + (i % 2 == 0 ? "online" : "shutdown_pending") + "\",\"remaining_seconds\":" + (300 - i % 300) + "}");
        double secs = (System.nanoTime() - t0) / 1e9;
        long rssRound1 = rss(pid);
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "1"));
        for (int r = 2; r <= rounds; r++) { // the same again: a bound shows as no further growth
            flood(http, token, count, threads, i -> "{\"ip\":\"198.19." + (i >> 8 & 255) + "." + (i & 255)
                    + "\",\"status\":\"online\",\"pad\":\"" + padding + "\"}");
            flood(http, token, count, threads, i -> "{\"ip\":\"" + hostIp + "\",\"status\":\""
                    + (i % 2 == 0 ? "online" : "shutdown_pending") + "\",\"remaining_seconds\":" + (300 - i % 300) + "}");
            System.out.printf("RESULT rss after round %d: %d MB (round 1 ended at %d MB)%n", r, rss(pid) >> 10,
                    rssRound1 >> 10);
        }
        running.set(false);
        sampler.join();
        Thread.sleep(2000);
        long rssAfter = rss(pid);
        List<Double> l = new ArrayList<>(latencies);
        Collections.sort(l);
        System.out.printf("RESULT flood: %d + %d requests in %.1f s; answers phase 1 %s, phase 2 %s%n", count, count,
                secs, summary(codes1), summary(codes2));
        long peak = Math.max(rssMid, Math.max(rssRound1, rssAfter));
        System.out.printf("RESULT rss: before %d MB, after the unknown-address phase %d MB, after round 1 %d MB, at the "
                        + "end %d MB; largest growth %d MB%n", rssBefore >> 10, rssMid >> 10, rssRound1 >> 10,
                rssAfter >> 10, (peak - rssBefore) >> 10);
        System.out.printf("RESULT nut GET VAR during the flood: samples=%d p50=%.3f ms p99=%.3f ms max=%.3f ms%n",
                l.size(), pct(l, 0.50), pct(l, 0.99), l.isEmpty() ? 0 : l.get(l.size() - 1));
    }

    interface Body {
        String of(int i);
    }

    static int[] flood(int port, String token, int count, int threads, Body body) throws Exception {
        int[] codes = new int[600];
        List<Thread> ts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    int code = post(port, token, body.of(i), i);
                    synchronized (codes) {
                        codes[Math.max(0, Math.min(599, code))]++;
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        return codes;
    }

    static int post(int port, String token, String json, int i) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 3, (byte) (i >> 8), (byte) (i | 1)}), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            in.readAllBytes();
            return Integer.parseInt(new String(head, StandardCharsets.ISO_8859_1).substring(9, 12));
        } catch (Exception e) {
            return 0;
        }
    }

    static void sample(int port, String ups, List<Double> out, AtomicBoolean running) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            OutputStream o = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] req = ("GET VAR " + ups + " ups.status\n").getBytes(StandardCharsets.US_ASCII);
            while (running.get()) {
                long t = System.nanoTime();
                o.write(req);
                o.flush();
                int c;
                while ((c = in.read()) != '\n' && c >= 0) {
                    // read the whole reply line
                }
                out.add((System.nanoTime() - t) / 1e6);
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException("NUT sampling failed: " + e, e);
        }
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String summary(int[] codes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(i == 0 ? "no answer" : Integer.toString(i)).append(" x")
                        .append(codes[i]);
            }
        }
        return sb.toString();
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
}
