import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The agent, measured as a user runs it (through the launcher, with its agent JVM flags), against a Gridwatch
 * server that bench/agent-bench.sh started with a dummy UPS:
 * start-up (process start to its LOGIN showing in NUMLOGINS), RSS (VmRSS and VmHWM after a settling time), and
 * reaction (the UPS's status turning OB on the NUT wire, seen by this program polling every 2 ms, to the
 * agent's shutdown command running, a script that writes the wall-clock time in nanoseconds).
 *
 *   java bench/AgentBench.java <launcher> <work-dir> <nut-port> <rounds>
 */
public class AgentBench {
    public static void main(String[] args) throws Exception {
        String launcher = args[0];
        Path work = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Path dev = work.resolve("ups.dev");
        Path fired = work.resolve("fired");
        Path yaml = work.resolve("agent.yaml");
        Files.writeString(yaml, """
                host: bench
                monitor:
                  ups: { ups: ups@127.0.0.1:%d, user: mon, password: monpass }
                policy: { shutdown_delay: 0s }
                final_delay: 0s
                shutdown_command: ["/bin/sh", "-c", "date +%%s%%N > '%s'"]
                """.formatted(port, fired));
        List<Double> startups = new ArrayList<>();
        List<Double> reactions = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        List<Long> hwm = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            for (int r = 1; r <= rounds; r++) {
                Files.writeString(dev, "ups.status: OL\nbattery.charge: 90\n");
                waitStatus(in, out, "OL");
                Files.deleteIfExists(fired);
                int before = logins(in, out);
                long t0 = System.nanoTime();
                Process agent = new ProcessBuilder(launcher, "agent", "--config", yaml.toString())
                        .redirectErrorStream(true).redirectOutput(work.resolve("agent-" + r + ".log").toFile()).start();
                while (logins(in, out) <= before) {
                    Thread.sleep(2);
                }
                double startup = (System.nanoTime() - t0) / 1e6;
                startups.add(startup);
                Thread.sleep(r == 1 ? 30_000 : 3_000); // the first round also settles for the memory reading
                long pid = javaPid(agent);
                if (r == 1) {
                    rss.add(status(pid, "VmRSS"));
                    hwm.add(status(pid, "VmHWM"));
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(0, 500)); // any phase of the agent's poll
                Files.writeString(dev, "ups.status: OB DISCHRG\nbattery.charge: 80\n");
                long seenOb = waitStatus(in, out, "OB");
                while (!Files.exists(fired) || Files.readString(fired).isBlank()) {
                    Thread.sleep(2);
                }
                long ran = Long.parseLong(Files.readString(fired).trim());
                double reaction = (ran - seenOb) / 1e6;
                reactions.add(reaction);
                agent.waitFor();
                System.out.printf("round %d: start-up %.0f ms, reaction %.0f ms%n", r, startup, reaction);
            }
        }
        report("start-up: process start -> LOGIN on the server", startups, "ms");
        report("reaction: OB on the wire -> shutdown command running", reactions, "ms");
        System.out.printf("memory after 30 s polling: VmRSS %d kB, VmHWM %d kB%n", rss.get(0), hwm.get(0));
    }

    /** The java process the launcher exec'd (the launcher replaces itself, so it is the same pid). */
    static long javaPid(Process p) {
        return p.pid();
    }

    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static int logins(BufferedReader in, OutputStream out) throws IOException {
        out.write("GET NUMLOGINS ups\n".getBytes(StandardCharsets.US_ASCII));
        String line = in.readLine();
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Polls ups.status every 2 ms until it contains {@code flag}; returns the wall clock then, in ns. */
    static long waitStatus(BufferedReader in, OutputStream out, String flag) throws Exception {
        while (true) {
            out.write("GET VAR ups ups.status\n".getBytes(StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line.contains(flag)) {
                java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            Thread.sleep(2);
        }
    }

    static void report(String what, List<Double> v, String unit) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        System.out.printf("%s: n=%d min %.0f median %.0f max %.0f %s%n", what, s.size(), s.get(0), s.get(s.size() / 2),
                s.get(s.size() - 1), unit);
    }
}
