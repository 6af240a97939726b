package io.gridwatch.config;

import io.gridwatch.powmonman.PowMonManSettings;
import io.gridwatch.hub.UpsName;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Binds {@code powmonman:}, checked against the configured UPSes. Stateless. */
final class PowMonManBinder {
    private PowMonManBinder() {
    }

    static PowMonManSettings bind(Section root, List<UpsConfig> ups) {
        boolean present = root.has("powmonman");
        Section p = root.section("powmonman", "Serve a UPS's mains state to unmodified PowMonMan clients: a UDP "
                + "announce ('PowMonMan Server!') and a TCP answer 'on' or 'off'. Absent: not served.");
        String name = p.string("ups", null, "The UPS whose state is told; default: the only UPS.");
        List<InetSocketAddress> listen = p.value("listen", List.of(Addressing.listen(
                        new ConfigNode.Scalar("0.0.0.0:" + PowMonManSettings.TCP_PORT, ConfigNode.ScalarType.STRING, 0))),
                "list of host:port", "Where status requests are answered (the clients' port_number). PowMonMan "
                        + "clients speak IPv4 and connect to the address the announce came from.",
                n -> Values.strings(n).stream().map(s -> Addressing.listen(
                        new ConfigNode.Scalar(s, ConfigNode.ScalarType.STRING, n.line()))).toList());
        List<InetSocketAddress> announce = p.value("announce", List.of(new InetSocketAddress("255.255.255.255",
                        PowMonManSettings.UDP_PORT)), "list of host:port",
                "Where the announce datagram is sent (the clients' udp_port_number), from the listen address.",
                n -> Values.strings(n).stream().map(s -> Addressing.listen(
                        new ConfigNode.Scalar(s, ConfigNode.ScalarType.STRING, n.line()))).toList());
        Duration interval = p.duration("interval", Duration.ofSeconds(5), Duration.ofMillis(100),
                "Time between announces; at most 5s (a client waits 10 s for one, and listens again after any error).");
        p.finish();
        if (!present) {
            return PowMonManSettings.off();
        }
        if (interval.compareTo(Duration.ofSeconds(5)) > 0) {
            p.problem("interval", "must be at most 5s: PowMonMan clients give up waiting after 10 s");
        }
        if (listen.isEmpty()) {
            p.problem("listen", "needs at least one address");
        }
        if (announce.isEmpty()) {
            p.problem("announce", "needs at least one address");
        }
        for (InetSocketAddress a : listen) {
            if (a.getAddress() instanceof java.net.Inet6Address && !a.getAddress().isAnyLocalAddress()) {
                p.problem("listen", a + " is IPv6: PowMonMan clients speak IPv4 only");
            }
        }
        UpsName u = null;
        if (name == null) {
            if (ups.size() == 1) {
                u = ups.get(0).name();
            } else {
                p.problem("ups", "required: there are " + ups.size() + " UPSes; name the one PowMonMan clients follow");
            }
        } else if (ups.stream().noneMatch(x -> x.name().value().equals(name))) {
            p.problem("ups", "no UPS named '" + name + "' under ups:");
        } else {
            u = UpsName.of(name);
        }
        return new PowMonManSettings(true, u, listen, announce, interval);
    }
}
