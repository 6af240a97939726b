package io.gridwatch.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A TCP connect to a port: the host is up if it accepts the connection or refuses it (a refusal is an answer),
 * down if nothing comes back in time or the network says there is no route. Thread-safe.
 */
public final class TcpProbe implements Probe {
    private final String host;
    private final int port;

    public TcpProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeResult.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (ConnectException e) {
            if (String.valueOf(e.getMessage()).contains("refused")) {
                return ProbeResult.up(Duration.ofNanos(System.nanoTime() - start));
            }
            return ProbeResult.down(e.getMessage());
        } catch (SocketTimeoutException e) {
            return ProbeResult.down("no answer within " + timeout.toMillis() + " ms");
        } catch (UnknownHostException e) {
            return ProbeResult.down("unknown host " + host);
        } catch (IOException e) {
            return ProbeResult.down(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "tcp " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
