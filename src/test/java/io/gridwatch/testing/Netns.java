package io.gridwatch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test hosts in network namespaces this test creates (ip netns + veth pairs), each reachable from the test at
 * its own address; taking a host's link down makes it go dark as in a power cut. Needs root; the namespaces
 * and links are removed on close. Traffic never leaves the machine: a host goes dark by its own side of the link
 * going down (the machine's side keeps its route, with no carrier), and a blackhole route for the whole test
 * subnet catches anything else, so nothing addressed to a dark host can take the default route.
 */
public final class Netns implements AutoCloseable {
    private final String tag;
    private final int subnet;
    private final List<String> namespaces = new ArrayList<>();
    private boolean blackhole;

    private Netns(String tag, int subnet) {
        this.tag = tag;
        this.subnet = subnet;
    }

    /** Why namespaces cannot be made here, or empty when they can. */
    public static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("network namespaces need root (ip netns add); running as " + System.getProperty("user.name"));
        }
        try {
            String probe = "gwprobe" + ThreadLocalRandom.current().nextInt(100000);
            Programs.Result add = Programs.run(List.of("ip", "netns", "add", probe));
            Programs.run(List.of("ip", "netns", "del", probe));
            return add.exitCode() == 0 ? Optional.empty() : Optional.of("ip netns add failed: " + add.stderr().strip());
        } catch (Exception e) {
            return Optional.of("cannot run ip: " + e.getMessage());
        }
    }

    /** Creates {@code hosts} hosts at 10.231.N.(i+2)... one namespace and one veth pair each. */
    public static Netns create(int hosts) throws Exception {
        Netns n = new Netns(Integer.toString(ThreadLocalRandom.current().nextInt(10000, 99999)),
                ThreadLocalRandom.current().nextInt(1, 250));
        try {
            run("ip", "route", "replace", "blackhole", n.subnet() + ".0/24", "metric", "4000");
            n.blackhole = true;
            for (int i = 0; i < hosts; i++) {
                n.add(i);
            }
        } catch (Exception e) {
            n.close();
            throw e;
        }
        return n;
    }

    private void add(int i) throws Exception {
        String ns = "gw" + tag + "n" + i;
        String host = hostLink(i);
        String peer = peerLink(i);
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", peer, "netns", ns);
        run("ip", "addr", "add", "10.231." + subnet + "." + (4 * i + 1) + "/30", "dev", host);
        run("ip", "link", "set", host, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", address(i) + "/30", "dev", peer);
        run("ip", "netns", "exec", ns, "ip", "link", "set", peer, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private String subnet() {
        return "10.231." + subnet;
    }

    private String peerLink(int i) {
        return "gw" + tag + "p" + i;
    }

    private String hostLink(int i) {
        return "gw" + tag + "h" + i;
    }

    /** The address of host {@code i}, as seen from the test. */
    public String address(int i) {
        return "10.231." + subnet + "." + (4 * i + 2);
    }

    /** The network namespace of host {@code i} (for {@code ip netns exec}). */
    public String namespace(int i) {
        return namespaces.get(i);
    }

    /** Host {@code i} goes dark: its own interface goes down, as when it loses power. */
    public void down(int i) throws Exception {
        run("ip", "netns", "exec", namespaces.get(i), "ip", "link", "set", peerLink(i), "down");
    }

    public void up(int i) throws Exception {
        run("ip", "netns", "exec", namespaces.get(i), "ip", "link", "set", peerLink(i), "up");
    }

    private static void run(String... cmd) throws Exception {
        Programs.Result r = Programs.run(List.of(cmd));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.stderr().strip());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < namespaces.size(); i++) {
            try {
                Programs.run(List.of("ip", "link", "del", hostLink(i)));
                Programs.run(List.of("ip", "netns", "del", namespaces.get(i)));
            } catch (Exception e) {
                // best effort: the next run uses other names
            }
        }
        if (blackhole) {
            try {
                Programs.run(List.of("ip", "route", "del", "blackhole", subnet() + ".0/24", "metric", "4000"));
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
