package io.gridwatch.app;

import io.gridwatch.config.Version;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the NUT server by mDNS/DNS-SD as {@code _nut._tcp} (the service type NUT's own tools and NAS
 * firmware browse for), on the interfaces the server listens on: a server on loopback announces on loopback only,
 * a server on the wildcard address on the machine's default interface. TXT: {@code server=gridwatch}, the
 * version and the dashboard's port. Registration runs in the background (mDNS probing takes a second or two).
 */
final class Advertiser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Advertiser.class);

    private final List<JmDNS> responders = new ArrayList<>();
    private final Thread registering;
    private volatile boolean closed;

    Advertiser(List<InetSocketAddress> nut, int httpPort) {
        registering = Thread.ofVirtual().name("mdns-register").start(() -> register(nut, httpPort));
    }

    /** Whether these listen addresses reach beyond this machine (the "auto" rule). */
    static boolean beyondLoopback(List<InetSocketAddress> listen) {
        return listen.stream().anyMatch(a -> !a.getAddress().isLoopbackAddress());
    }

    private void register(List<InetSocketAddress> nut, int httpPort) {
        Set<InetAddress> interfaces = new LinkedHashSet<>();
        boolean wildcard = false;
        for (InetSocketAddress a : nut) {
            if (a.getAddress().isAnyLocalAddress()) {
                wildcard = true;
            } else {
                interfaces.add(a.getAddress());
            }
        }
        int port = nut.get(0).getPort();
        String host = hostName();
        try {
            if (wildcard) {
                announce(JmDNS.create(), host, port, httpPort);
            }
            for (InetAddress a : interfaces) {
                announce(JmDNS.create(a, "gridwatch-" + host), host, port, httpPort);
            }
        } catch (IOException e) {
            LOG.warn("could not announce the NUT server by mDNS: {}", e.getMessage());
        }
    }

    private void announce(JmDNS dns, String host, int port, int httpPort) throws IOException {
        synchronized (responders) {
            if (closed) {
                dns.close();
                return;
            }
            responders.add(dns);
        }
        Map<String, String> txt = Map.of("txtvers", "1", "server", "gridwatch", "version", Version.current(),
                "http", Integer.toString(httpPort));
        dns.registerService(ServiceInfo.create("_nut._tcp.local.", "Gridwatch on " + host, port, 0, 0, txt));
        LOG.info("announced the NUT server by mDNS as _nut._tcp on {} (port {})", dns.getInetAddress().getHostAddress(), port);
    }

    private static String hostName() {
        try {
            String n = InetAddress.getLocalHost().getHostName();
            int dot = n.indexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        } catch (IOException e) {
            return "gridwatch";
        }
    }

    @Override
    public void close() {
        List<JmDNS> all;
        synchronized (responders) {
            closed = true;
            all = List.copyOf(responders);
        }
        registering.interrupt();
        for (JmDNS d : all) {
            try {
                d.unregisterAllServices();
                d.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("mDNS close: {}", e.getMessage());
            }
        }
    }
}
