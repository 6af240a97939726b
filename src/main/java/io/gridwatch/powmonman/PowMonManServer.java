package io.gridwatch.powmonman;

import io.gridwatch.powmonman.PowMonManSettings;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.UpsStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks PowMonMan's protocol, so that its unmodified clients follow a Gridwatch UPS: every few seconds the
 * datagram {@code PowMonMan Server!} (17 bytes, nothing else) goes to each announce address, sent from the listen
 * address (a client connects back to the datagram's source); each TCP connection gets {@code on} or {@code off}
 * in one write and is closed. The client reads nothing else and sends nothing, so nothing is read from it.
 *
 * <p>Never a guess: {@code off} only when the UPS is known to be on battery, {@code on} only when it is known to
 * be on line; while its data are stale or missing the connection is closed with nothing written, which a
 * PowMonMan client treats as an unknown state and ignores (neither starting nor cancelling its countdown on a
 * value Gridwatch does not have). Threads: one acceptor per listen address, one announcer.
 */
public final class PowMonManServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PowMonManServer.class);
    /** The announce payload, byte for byte as PowMonMan's server sends it. */
    public static final byte[] ANNOUNCE = "PowMonMan Server!".getBytes(StandardCharsets.UTF_8);

    private final UpsHub hub;
    private final UpsName ups;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<DatagramSocket> senders = new ArrayList<>();
    private final List<InetSocketAddress> announce;
    private final ScheduledExecutorService announcer;
    private volatile boolean closed;

    private PowMonManServer(UpsHub hub, PowMonManSettings c) {
        this.hub = hub;
        this.ups = c.ups();
        this.announce = c.announce();
        this.announcer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("powmonman-announce").factory());
    }

    /** Binds every listen address (or fails, binding nothing) and starts announcing. */
    public static PowMonManServer start(UpsHub hub, PowMonManSettings c) throws IOException {
        PowMonManServer s = new PowMonManServer(hub, c);
        try {
            for (InetSocketAddress a : c.listen()) {
                ServerSocket ss = new ServerSocket();
                s.listeners.add(ss);
                ss.setReuseAddress(true);
                ss.bind(a, 64);
                DatagramSocket ds = new DatagramSocket(new InetSocketAddress(a.getAddress(), 0));
                ds.setBroadcast(true);
                s.senders.add(ds);
            }
        } catch (IOException e) {
            s.close();
            throw new IOException("powmonman: cannot listen on " + c.listen() + ": " + e.getMessage(), e);
        }
        for (ServerSocket ss : s.listeners) {
            Thread.ofPlatform().daemon().name("powmonman-" + ss.getLocalPort()).start(() -> s.serve(ss));
        }
        long every = c.interval().toMillis();
        s.announcer.scheduleAtFixedRate(s::announceOnce, 0, every, TimeUnit.MILLISECONDS);
        for (ServerSocket ss : s.listeners) {
            LOG.info("powmonman: UPS {} told to PowMonMan clients on {} (plain TCP, no authentication, as "
                    + "PowMonMan); announced to {} every {} ms", s.ups, ss.getLocalSocketAddress(), c.announce(), every);
        }
        return s;
    }

    /** The bound TCP addresses (port 0 resolved). */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(l -> (InetSocketAddress) l.getLocalSocketAddress()).toList();
    }

    /** What a client is told now: {@code on}, {@code off}, or null when Gridwatch does not know. */
    public String answer() {
        UpsHub.Served s = hub.serve(ups.value());
        if (s == null || s.availability() != Availability.OK) {
            return null;
        }
        UpsSnapshot snap = s.snapshot();
        if (snap.statusLine() == null) {
            return null;
        }
        UpsStatus st = snap.status();
        if (st.onBattery()) {
            return "off";
        }
        return st.has(io.gridwatch.hub.StatusFlag.OL) ? "on" : null;
    }

    private void serve(ServerSocket ss) {
        while (!closed) {
            try (Socket c = ss.accept()) {
                String a = answer();
                if (a != null) {
                    OutputStream out = c.getOutputStream();
                    out.write(a.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (SocketException e) {
                if (!closed) {
                    LOG.debug("powmonman: {}", e.getMessage());
                }
            } catch (IOException e) {
                LOG.debug("powmonman: a client went away: {}", e.getMessage());
            }
        }
    }

    private void announceOnce() {
        for (DatagramSocket ds : senders) {
            for (InetSocketAddress to : announce) {
                try {
                    ds.send(new DatagramPacket(ANNOUNCE, ANNOUNCE.length, to));
                } catch (IOException e) {
                    LOG.debug("powmonman: announce to {} failed: {}", to, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        announcer.shutdownNow();
        for (ServerSocket ss : listeners) {
            try {
                ss.close();
            } catch (IOException e) {
                LOG.debug("powmonman: {}", e.getMessage());
            }
        }
        senders.forEach(DatagramSocket::close);
    }
}
