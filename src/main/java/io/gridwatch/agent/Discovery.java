package io.gridwatch.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Finds NUT servers on the LAN by mDNS/DNS-SD: every {@code _nut._tcp} service (Gridwatch advertises one; so may
 * other NUT servers), with its address, port and TXT record. Bound to one interface address (tests use
 * 127.0.0.1, so nothing leaves the machine). Each call opens and closes its own responder.
 */
public final class Discovery {
    public static final String SERVICE_TYPE = "_nut._tcp.local.";

    /** One server found: its service name, address, port and TXT properties. */
    public record Found(String name, String host, int port, Map<String, String> properties) {
        public boolean gridwatch() {
            return "gridwatch".equals(properties.get("server"));
        }

        @Override
        public String toString() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return name + " at " + h + ":" + port + (gridwatch() && properties.containsKey("http")
                    ? " (Gridwatch, dashboard on port " + properties.get("http") + ")" : "");
        }
    }

    private Discovery() {
    }

    /** Browses for {@code timeout} on the interface with address {@code bind} (null: the default interface). */
    public static List<Found> find(InetAddress bind, Duration timeout) throws IOException {
        try (JmDNS dns = bind == null ? JmDNS.create() : JmDNS.create(bind, "gridwatch-agent")) {
            ServiceInfo[] infos = dns.list(SERVICE_TYPE, timeout.toMillis());
            List<Found> out = new ArrayList<>();
            for (ServiceInfo i : infos) {
                String[] addresses = i.getHostAddresses();
                if (addresses.length == 0) {
                    continue;
                }
                Map<String, String> props = new TreeMap<>();
                for (String k : Collections.list(i.getPropertyNames())) {
                    props.put(k, i.getPropertyString(k));
                }
                out.add(new Found(i.getName(), addresses[0], i.getPort(), props));
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return out;
        }
    }
}
