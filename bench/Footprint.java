import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gridwatch's footprint as a user runs it (through the launcher, with its default JVM flags unless
 * GRIDWATCH_JAVA_OPTS says otherwise), after one run of 35 s (the launcher's trial run for its class-data archive),
 * in four parts:
 * <ol>
 * <li>start-up, over [starts] starts of a server with one dummy UPS and one protected host: from starting the
 *     process to the NUT port
 *     answering {@code GET VAR ups ups.status} with a value, and to {@code GET /healthz} answering 200;</li>
 * <li>memory of that server: VmRSS after [idle] seconds idle, then after 20 s of NUT load (10 connections in
 *     closed loop asking {@code GET VAR}) VmRSS and VmHWM;</li>
 * <li>the demo site ({@code gridwatch server} without a config): VmRSS after [idle] seconds;</li>
 * <li>the agent with a hub (a client token made through the API, the agent reporting to the server): VmRSS and
 *     VmHWM after [idle] seconds.</li>
 * </ol>
 *
 *   java bench/Footprint.java <launcher> <work-dir> <starts> <idle seconds>     (idle 0: start-up only)
 */
public class Footprint {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static String session;

    public static void main(String[] args) throws Exception {
        String launcher = args[0];
        Path work = Path.of(args[1]);
        int starts = Integer.parseInt(args[2]);
        int idle = Integer.parseInt(args[3]);
        int nut = freePort();
        int http = freePort();
        Path yaml = work.resolve("minimal.yaml");
        Files.writeString(work.resolve("ups.dev"), "ups.status: OL\nbattery.charge: 90\nbattery.runtime: 1800\n");
        Files.writeString(yaml, """
                data_dir: minimal-state
                nut:
                  listen: ["127.0.0.1:%d"]
                  users:
                    mon: { password: monpass, upsmon: secondary }
                http:
                  listen: "127.0.0.1:%d"
                ups:
                  ups: { driver: dummy, file: ups.dev }
                hosts:
                  footprint: { ups: ups }
                """.formatted(nut, http));

        // the first run of a new jar is the launcher's trial run for the class-data archive (kept once a run has
        // been up 30 s): what a service's first start does; the starts below are the ones after it
        Process trial = start(work, "trial", launcher, "server", "--config", yaml.toString());
        Thread.sleep(35_000);
        stop(trial);

        List<Double> nutTimes = new ArrayList<>();
        List<Double> httpTimes = new ArrayList<>();
        List<Double> openTimes = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            long t0 = System.nanoTime();
            Process p = start(work, "start-" + i, launcher, "server", "--config", yaml.toString());
            double nutAt = -1;
            double httpAt = -1;
            double openAt = -1;
            long deadline = t0 + 30_000_000_000L;
            while ((nutAt < 0 || httpAt < 0) && System.nanoTime() < deadline) {
                if (openAt < 0 && accepts(nut)) {
                    openAt = (System.nanoTime() - t0) / 1e6;
                }
                if (openAt >= 0 && nutAt < 0 && nutAnswers(nut)) {
                    nutAt = (System.nanoTime() - t0) / 1e6;
                }
                if (httpAt < 0 && healthz(http)) {
                    httpAt = (System.nanoTime() - t0) / 1e6;
                }
                Thread.sleep(5);
            }
            stop(p);
            if (nutAt < 0 || httpAt < 0) {
                throw new IllegalStateException("start " + i + " did not answer within 30 s: see " + work);
            }
            nutTimes.add(nutAt);
            openTimes.add(openAt);
            httpTimes.add(httpAt);
            System.err.printf("start %2d: NUT port open after %.0f ms, answering after %.0f ms, HTTP after %.0f ms%n",
                    i + 1, openAt, nutAt, httpAt);
        }

        if (idle == 0) { // start-up only
            System.out.printf("| %d starts | min | median | max |%n|---|---|---|---|%n", starts);
            System.out.printf("| process start → NUT port open | %s |%n", stats(openTimes));
            System.out.printf("| process start → NUT answering | %s |%n", stats(nutTimes));
            System.out.printf("| process start → HTTP answering | %s |%n", stats(httpTimes));
            return;
        }
        Process server = start(work, "minimal", launcher, "server", "--config", yaml.toString());
        awaitNut(nut);
        Thread.sleep(idle * 1000L);
        long minimalIdle = status(server.pid(), "VmRSS");
        long requests = load(nut, 10, 20);
        long minimalLoaded = status(server.pid(), "VmRSS");
        long minimalPeak = status(server.pid(), "VmHWM");
        System.err.printf("minimal: %d kB idle; %d requests in 20 s; %d kB after (peak %d kB)%n", minimalIdle, requests,
                minimalLoaded, minimalPeak);

        // the agent with a hub, against this server: a client token made through the API
        String out = Files.readString(work.resolve("trial.log"));
        Matcher login = Pattern.compile("Dashboard login \\(shown once[^)]*\\): (\\S+) / (\\S+)").matcher(out);
        if (!login.find()) {
            throw new IllegalStateException("no first-run login in " + work.resolve("trial.log"));
        }
        String token = clientToken(http, login.group(1), login.group(2));
        Path agentYaml = work.resolve("agent.yaml");
        Files.writeString(agentYaml, """
                host: footprint
                monitor:
                  ups: { ups: ups@127.0.0.1:%d, user: mon, password: monpass }
                hub: { url: "http://127.0.0.1:%d", token: "%s" }
                shutdown_command: ["/bin/true"]
                """.formatted(nut, http, token));
        Process agent = start(work, "agent", launcher, "agent", "--config", agentYaml.toString(), "--dry-run");
        Thread.sleep(idle * 1000L);
        long agentRss = status(agent.pid(), "VmRSS");
        long agentPeak = status(agent.pid(), "VmHWM");
        String reported = get(http, "/api/v1/clients");
        stop(agent);
        stop(server);
        if (!reported.contains("footprint")) {
            throw new IllegalStateException("the agent never reported to the hub: " + reported);
        }
        System.err.printf("agent with a hub: %d kB (peak %d kB)%n", agentRss, agentPeak);

        Process demo = start(work, "demo", launcher, "server", "--data-dir", work.resolve("demo-state").toString());
        Thread.sleep(idle * 1000L);
        long demoRss = status(demo.pid(), "VmRSS");
        stop(demo);
        System.err.printf("demo site: %d kB%n", demoRss);

        System.out.printf("| %d starts | min | median | max |%n|---|---|---|---|%n", starts);
        System.out.printf("| process start → NUT port open | %s |%n", stats(openTimes));
        System.out.printf("| process start → NUT answering | %s |%n", stats(nutTimes));
        System.out.printf("| process start → HTTP answering | %s |%n", stats(httpTimes));
        System.out.println();
        System.out.println("| process | RSS |");
        System.out.println("|---|---|");
        System.out.printf("| server, one dummy UPS, %d s idle | %.1f MB |%n", idle, minimalIdle / 1024.0);
        System.out.printf("| the same after 20 s of NUT load (%d requests) | %.1f MB (peak %.1f MB) |%n", requests,
                minimalLoaded / 1024.0, minimalPeak / 1024.0);
        System.out.printf("| demo site, %d s idle | %.1f MB |%n", idle, demoRss / 1024.0);
        System.out.printf("| agent with a hub, %d s | %.1f MB (peak %.1f MB) |%n", idle, agentRss / 1024.0,
                agentPeak / 1024.0);
    }

    static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // nothing outlives the benchmark, even when it fails half-way
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    static Process start(Path work, String name, String... cmd) throws IOException {
        Process p = startProcess(work, name, cmd);
        STARTED.add(p);
        return p;
    }

    static Process startProcess(Path work, String name, String... cmd) throws IOException {
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean nutAnswers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(1000);
            s.getOutputStream().write("GET VAR ups ups.status\n".getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line != null && line.startsWith("VAR ups ups.status ");
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitNut(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!nutAnswers(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("NUT port " + port + " did not answer within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** GET /healthz over a plain socket (an HTTP client library would load more than the server it times). */
    static boolean healthz(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(2000);
            s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line != null && line.startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code connections} clients asking GET VAR in closed loop for {@code seconds}; the number of replies. */
    static long load(int port, int connections, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    byte[] ask = "GET VAR ups battery.charge\n".getBytes(StandardCharsets.US_ASCII);
                    while (System.nanoTime() < end) {
                        out.write(ask);
                        if (in.readLine() == null) {
                            return;
                        }
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return done.get();
    }

    static String clientToken(int port, String user, String password) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        session = cookie;
        String csrf = field(r.body(), "csrf_token");
        HttpResponse<String> t = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"footprint\",\"scopes\":[\"client\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (t.statusCode() / 100 != 2) {
            throw new IllegalStateException("token: " + t.statusCode() + " " + t.body());
        }
        return field(t.body(), "token");
    }

    static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + key + " for process " + pid);
    }

    static String stats(List<Double> ms) {
        List<Double> s = ms.stream().sorted().toList();
        return String.format("%.0f ms | %.0f ms | %.0f ms", s.get(0), s.get(s.size() / 2), s.get(s.size() - 1));
    }
}
