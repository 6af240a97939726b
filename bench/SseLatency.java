import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE latency: the time from a hub change (a UPS snapshot's {@code changed} instant, taken by the hub when the
 * state changes) to the moment each of N dashboard streams has the {@code ups} event that carries it. The
 * changes are drills started and stopped through the API, as a person would from the dashboard. Run by
 * bench/http-bench.sh, which starts the server; this program only logs in, listens and toggles.
 *
 *   java bench/SseLatency.java <base-url> <admin-password> <ups> <changes> <clients>...
 */
public class SseLatency {
    static final Pattern CSRF = Pattern.compile("\"csrf_token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern CHANGED = Pattern.compile("\"changed\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        String ups = args[2];
        int changes = Integer.parseInt(args[3]) / 2 * 2; // even: every run ends with the drill stopped
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login: " + login.statusCode() + " " + login.body());
        }
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher m = CSRF.matcher(login.body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf_token in " + login.body());
        }
        String csrf = m.group(1);
        System.out.printf("%-8s %8s %8s %8s %8s %8s%n", "streams", "events", "p50 ms", "p90 ms", "p99 ms", "max ms");
        for (int i = 4; i < args.length; i++) {
            run(http, base, cookie, csrf, ups, changes, Integer.parseInt(args[i]));
        }
    }

    static void run(HttpClient http, String base, String cookie, String csrf, String ups, int changes, int streams)
            throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch hello = new CountDownLatch(streams);
        AtomicInteger received = new AtomicInteger();
        List<java.net.Socket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        URI uri = URI.create(base);
        for (int s = 0; s < streams; s++) {
            // a plain socket reading the chunked stream line by line: no client library between the wire and the
            // clock (chunk-size lines are skipped like any other line that is not event: or data:)
            java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            sockets.add(socket);
            socket.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nCookie: "
                    + cookie + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            readers.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                    String event = "";
                    boolean drilling = false; // each run starts and ends with no drill (an even number of changes)
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            Instant at = Instant.now();
                            if (event.equals("hello")) {
                                hello.countDown();
                            } else if (event.equals("ups")) {
                                Matcher n = NAME.matcher(line);
                                Matcher c = CHANGED.matcher(line);
                                boolean drill = !line.contains("\"drill\":null");
                                // only the changes this program makes: the drill's start or stop (the sensor's
                                // per-probe bookkeeping also moves 'changed', every 2 s at most)
                                if (n.find() && n.group(1).equals(ups) && c.find()
                                        && drill != drilling) {
                                    Instant changed = Instant.parse(c.group(1));
                                    latencies.add(Duration.between(changed, at).toNanos() / 1e6);
                                    received.incrementAndGet();
                                }
                                if (n.find(0) && n.group(1).equals(ups)) {
                                    drilling = drill;
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    // the stream is closed at the end of the run
                }
            }));
        }
        if (!hello.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every stream got its hello");
        }
        for (int i = 0; i < changes; i++) {
            boolean start = i % 2 == 0;
            HttpRequest.Builder b = HttpRequest.newBuilder().header("Cookie", cookie).header("X-CSRF-Token", csrf);
            HttpRequest req = start
                    ? b.uri(URI.create(base + "/api/v1/drills")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"ups\":\"" + ups + "\"}")).build()
                    : b.uri(URI.create(base + "/api/v1/drills/" + ups)).DELETE().build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException((start ? "start" : "stop") + " drill: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000);
        for (java.net.Socket socket : sockets) {
            socket.close();
        }
        List<Double> v = new ArrayList<>(latencies);
        Collections.sort(v);
        if (v.isEmpty()) {
            throw new IllegalStateException("no ups events arrived");
        }
        System.out.printf("%-8d %8d %8.2f %8.2f %8.2f %8.2f%n", streams, v.size(), pct(v, 50), pct(v, 90), pct(v, 99),
                v.get(v.size() - 1));
        if (v.size() < (long) streams * changes) {
            System.out.printf("  (%d of %d expected ups events arrived)%n", v.size(), (long) streams * changes);
        }
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
