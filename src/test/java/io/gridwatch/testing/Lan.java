package io.gridwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test LAN: a bridge in the machine's own namespace (at {@code .1}) and hosts in network namespaces this test
 * creates, each on a veth port of the bridge (at {@code .10}, {@code .11}...), all in one /24 of 10.233.0.0/16 with
 * its broadcast address. Each host can run a program of the test inside its namespace. Needs root; everything is
 * removed on close. Nothing leaves the machine: the subnet exists only on the bridge.
 */
public final class Lan implements AutoCloseable {
    private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999));
    private final int subnet = ThreadLocalRandom.current().nextInt(1, 250);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> programs = new ArrayList<>();
    private boolean bridge;

    private Lan() {
    }

    public static Lan create(int hosts) throws Exception {
        Lan lan = new Lan();
        try {
            run("ip", "link", "add", lan.bridge(), "type", "bridge");
            lan.bridge = true;
            run("ip", "addr", "add", lan.prefix() + ".1/24", "brd", "+", "dev", lan.bridge());
            run("ip", "link", "set", lan.bridge(), "up");
            for (int i = 0; i < hosts; i++) {
                lan.add(i);
            }
        } catch (Exception e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    private void add(int i) throws Exception {
        String ns = "gwl" + tag + "n" + i;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", port(i), "type", "veth", "peer", "name", "gwl" + tag + "p" + i);
        run("ip", "link", "set", "gwl" + tag + "p" + i, "netns", ns);
        run("ip", "link", "set", port(i), "master", bridge(), "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "brd", "+", "dev", "gwl" + tag + "p" + i);
        run("ip", "netns", "exec", ns, "ip", "link", "set", "gwl" + tag + "p" + i, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private String prefix() {
        return "10.233." + subnet;
    }

    /** The bridge's interface name (the machine's side of the LAN). */
    public String bridge() {
        return "gwl" + tag + "br";
    }

    /** The bridge port (machine side) of host {@code i}. */
    public String port(int i) {
        return "gwl" + tag + "h" + i;
    }

    /** Every interface of the LAN on the machine's side. */
    public List<String> interfaces() {
        List<String> out = new ArrayList<>(List.of(bridge()));
        for (int i = 0; i < namespaces.size(); i++) {
            out.add(port(i));
        }
        return out;
    }

    public String address(int i) {
        return prefix() + "." + (10 + i);
    }

    public String broadcast() {
        return prefix() + ".255";
    }

    /** Starts {@code command} inside host {@code i}'s namespace; it is killed on close. Output goes to {@code log}. */
    public Process start(int i, List<String> command, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespaces.get(i)));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        programs.add(p);
        return p;
    }

    /** Starts a Java class of the tests' class path inside host {@code i}'s namespace. */
    public Process startJava(int i, Class<?> main, List<String> args, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return start(i, cmd, log);
    }

    private static void run(String... cmd) throws Exception {
        Programs.Result r = Programs.run(List.of(cmd));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.stderr().strip());
        }
    }

    @Override
    public void close() {
        for (Process p : programs) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < namespaces.size(); i++) {
            try {
                Programs.run(List.of("ip", "link", "del", port(i)));
                Programs.run(List.of("ip", "netns", "del", namespaces.get(i)));
            } catch (Exception e) {
                // best effort: the next run uses other names
            }
        }
        if (bridge) {
            try {
                Programs.run(List.of("ip", "link", "del", bridge()));
            } catch (Exception e) {
                // best effort
            }
        }
    }

    /** Reads a program's log, empty while it has written nothing. */
    public static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
