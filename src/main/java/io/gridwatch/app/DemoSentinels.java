package io.gridwatch.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's stand-ins for sentinel hosts: tiny web services on loopback that answer 200 while "the grid is on"
 * and 503 once switched off ({@code POST /power/off}, {@code /power/on}; {@code gridwatch demo grid off} does
 * it), so a newcomer can watch an outage without touching any real device. Thread-safe.
 */
public final class DemoSentinels implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicBoolean powered = new AtomicBoolean(true);

    public DemoSentinels(int count) throws IOException {
        this(java.util.Collections.nCopies(count, 0));
    }

    /** One sentinel per port wanted: that port when it is free, else any (0: any). */
    public DemoSentinels(List<Integer> wanted) throws IOException {
        for (int want : wanted) {
            HttpServer s;
            try {
                s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), want), 16);
            } catch (java.net.BindException e) {
                s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            }
            s.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                boolean post = ex.getRequestMethod().equals("POST");
                if (post && path.equals("/power/off")) {
                    powered.set(false);
                } else if (post && path.equals("/power/on")) {
                    powered.set(true);
                }
                ex.sendResponseHeaders(post ? 204 : powered.get() ? 200 : 503, -1);
                ex.close();
            });
            s.start();
            servers.add(s);
        }
    }

    public List<Integer> ports() {
        return servers.stream().map(s -> s.getAddress().getPort()).toList();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
