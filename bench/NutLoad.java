import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NUT load driver: measures any NUT server (upsd or Gridwatch) from outside, over loopback. Run with
 * {@code java bench/NutLoad.java MODE key=value...}; prints one line of JSON per run. Modes:
 * <ul>
 * <li>{@code rate}: {@code connections} clients in closed loop (send, wait for the whole reply, repeat) for
 *     {@code seconds} after {@code warmup} seconds; reports requests/s and latency percentiles;</li>
 * <li>{@code sessions}: opens up to {@code max} connections, each asking one request, keeping all open; reports
 *     how many were served before the first error, then checks the held ones still answer;</li>
 * <li>{@code sequential}: opens {@code count} connections one after another as fast as the server accepts them
 *     (no request in between, so its accept queue is what is tested), then asks one request on each; reports the
 *     time until all are answered.</li>
 * </ul>
 * Bounded in count and time: every mode stops by itself.
 */
public final class NutLoad {
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            o.put(kv[0], kv[1]);
        }
        String host = o.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(o.getOrDefault("port", "3493"));
        String request = o.getOrDefault("request", "GET VAR ups ups.status") + "\n";
        switch (args[0]) {
            case "rate" -> rate(host, port, request, Integer.parseInt(o.getOrDefault("connections", "10")),
                    Integer.parseInt(o.getOrDefault("threads", "1")), Double.parseDouble(o.getOrDefault("warmup", "3")),
                    Double.parseDouble(o.getOrDefault("seconds", "10")));
            case "sessions" -> sessions(host, port, request, Integer.parseInt(o.getOrDefault("max", "12000")));
            case "sequential" -> sequential(host, port, request, Integer.parseInt(o.getOrDefault("count", "1500")));
            default -> throw new IllegalArgumentException("mode: rate, sessions or sequential");
        }
    }

    /** True when {@code buf[0..len)} holds a whole reply to the request. */
    static boolean complete(byte[] buf, int len, boolean list) {
        if (len == 0 || buf[len - 1] != '\n') {
            return false;
        }
        if (!list || (len >= 4 && buf[0] == 'E' && buf[1] == 'R' && buf[2] == 'R')) {
            return true;
        }
        int start = len - 2;
        while (start >= 0 && buf[start] != '\n') {
            start--;
        }
        return new String(buf, start + 1, Math.min(8, len - start - 1), StandardCharsets.US_ASCII).equals("END LIST");
    }

    static final class Conn {
        final SocketChannel ch;
        final ByteBuffer out;
        byte[] in = new byte[4096];
        int len;
        long sentAt;

        Conn(SocketChannel ch, byte[] request) {
            this.ch = ch;
            this.out = ByteBuffer.wrap(request);
        }

        void send() throws IOException {
            out.rewind();
            len = 0;
            sentAt = System.nanoTime();
            ch.write(out);
        }

        /** Reads what is there; true when the reply is complete. */
        boolean read(ByteBuffer scratch, boolean list) throws IOException {
            scratch.clear();
            int n = ch.read(scratch);
            if (n < 0) {
                throw new IOException("closed by server");
            }
            if (len + n > in.length) {
                in = java.util.Arrays.copyOf(in, Math.max(in.length * 2, len + n));
            }
            scratch.flip();
            scratch.get(in, len, n);
            len += n;
            return complete(in, len, list);
        }
    }

    /** Microsecond-resolution latency counts up to 1 s, plus a count of slower ones. */
    static final class Histogram {
        final long[] counts = new long[1_000_001];
        long total;

        void add(long nanos) {
            counts[(int) Math.min(nanos / 1000, 1_000_000)]++;
            total++;
        }

        void addAll(Histogram h) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += h.counts[i];
            }
            total += h.total;
        }

        double percentileMillis(double p) {
            long want = (long) Math.ceil(total * p / 100.0);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= want) {
                    return i / 1000.0;
                }
            }
            return counts.length / 1000.0;
        }
    }

    static void rate(String host, int port, String request, int connections, int threads, double warmup,
                     double seconds) throws Exception {
        boolean list = request.startsWith("LIST");
        byte[] req = request.getBytes(StandardCharsets.US_ASCII);
        List<List<Conn>> groups = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            groups.get(i % threads).add(new Conn(ch, req));
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Histogram> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] errors = new long[threads];
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram();
            results.add(h);
            List<Conn> mine = groups.get(t);
            int index = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    loop(mine, list, measureFrom, end, h);
                } catch (IOException e) {
                    errors[index]++;
                    System.err.println("worker failed: " + e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        Histogram all = new Histogram();
        results.forEach(all::addAll);
        long errs = 0;
        for (long e : errors) {
            errs += e;
        }
        System.out.printf("{\"mode\":\"rate\",\"request\":\"%s\",\"connections\":%d,\"requests\":%d,\"rps\":%.0f,"
                        + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%d}%n", request.trim(), connections, all.total,
                all.total / seconds, all.percentileMillis(50), all.percentileMillis(99), errs);
        for (List<Conn> g : groups) {
            for (Conn c : g) {
                c.ch.close();
            }
        }
    }

    static void loop(List<Conn> conns, boolean list, long measureFrom, long end, Histogram h) throws IOException {
        Selector selector = Selector.open();
        for (Conn c : conns) {
            c.ch.register(selector, SelectionKey.OP_READ, c);
            c.send();
        }
        ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
        while (System.nanoTime() < end) {
            selector.select(100);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                Conn c = (Conn) k.attachment();
                if (c.read(scratch, list)) {
                    long now = System.nanoTime();
                    if (c.sentAt >= measureFrom && now <= end) {
                        h.add(now - c.sentAt);
                    }
                    c.send();
                }
            }
        }
        selector.close();
    }

    /** Connects, asks one request, waits for the reply (blocking, 10 s timeout). */
    static SocketChannel openAndAsk(String host, int port, byte[] req) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.socket().connect(new InetSocketAddress(host, port), 10_000);
        ch.socket().setSoTimeout(10_000);
        ch.write(ByteBuffer.wrap(req));
        java.io.InputStream in = ch.socket().getInputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed by server");
            }
        }
        return ch;
    }

    static void sessions(String host, int port, String request, int max) throws Exception {
        byte[] req = request.getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> held = new ArrayList<>();
        String error = "none";
        long start = System.nanoTime();
        try {
            while (held.size() < max) {
                held.add(openAndAsk(host, port, req));
            }
        } catch (IOException e) {
            error = e.getMessage();
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        int stillAnswering = 0;
        for (int i = 0; i < held.size(); i += Math.max(1, held.size() / 200)) {
            try {
                SocketChannel ch = held.get(i);
                ch.write(ByteBuffer.wrap(req));
                java.io.InputStream in = ch.socket().getInputStream();
                int b;
                while ((b = in.read()) != '\n' && b >= 0) {
                    // skip the reply
                }
                stillAnswering += b == '\n' ? 1 : 0;
            } catch (IOException e) {
                // counted as not answering
            }
        }
        System.out.printf("{\"mode\":\"sessions\",\"held\":%d,\"seconds\":%.1f,\"sample_answering\":%d,"
                + "\"first_error\":\"%s\"}%n", held.size(), openSeconds, stillAnswering, error.replace("\"", "'"));
        for (SocketChannel ch : held) {
            ch.close();
        }
    }

    static void sequential(String host, int port, String request, int count) throws Exception {
        byte[] req = request.getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> opened = new ArrayList<>();
        List<SocketChannel> held = new ArrayList<>();
        long start = System.nanoTime();
        String error = "none";
        double connectSeconds = -1;
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.socket().connect(new InetSocketAddress(host, port), 120_000);
                opened.add(ch);
            }
            connectSeconds = (System.nanoTime() - start) / 1e9;
            for (SocketChannel ch : opened) {
                ch.socket().setSoTimeout(120_000);
                ch.write(ByteBuffer.wrap(req));
                java.io.InputStream in = ch.socket().getInputStream();
                int b;
                while ((b = in.read()) != '\n') {
                    if (b < 0) {
                        throw new IOException("closed by server");
                    }
                }
                held.add(ch);
            }
        } catch (IOException e) {
            error = e.getMessage();
        }
        for (SocketChannel ch : opened) {
            if (!held.contains(ch)) {
                ch.close();
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"mode\":\"sequential\",\"connected_after\":%.2f,\"served\":%d,\"seconds\":%.2f,"
                + "\"first_error\":\"%s\"}%n", connectSeconds, held.size(), s, error.replace("\"", "'"));
        for (SocketChannel ch : held) {
            ch.close();
        }
    }
}
