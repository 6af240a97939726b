package io.gridwatch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A sentinel host on loopback for tests: an HTTP service answering 200 while "powered", and not at all once
 * switched off (its socket is closed, so connections are refused).
 */
public final class FakeSentinel implements AutoCloseable {
    private final int port;
    private HttpServer server;

    public FakeSentinel() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    private static HttpServer start(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        s.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public synchronized void powerOff() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized void powerOn() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    @Override
    public void close() {
        powerOff();
    }
}
