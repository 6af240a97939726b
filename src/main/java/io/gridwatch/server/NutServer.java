package io.gridwatch.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NUT network server (upsd's network side): listeners on every configured address, one acceptor thread
 * per listener with a deep accept backlog, and a few NIO event loops that answer requests from the hub's
 * memory. Past MAXCONN a new connection is closed at once (upsd would leave it hanging). A port that cannot
 * be bound makes {@link #start()} fail. Thread-safe; start once, close once.
 */
public final class NutServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NutServer.class);
    private static final boolean NODELAY = !Boolean.getBoolean("gw.nagle");

    private final NutServerSettings settings;
    private final CommandHandler handler;
    private final SSLContext tls;
    private final Clock clock;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile long lastRefusalLog;

    /** @param tls the STARTTLS context, or null when no certificate is configured */
    public NutServer(NutServerSettings settings, ServerContext context, SSLContext tls, Clock clock) {
        this.settings = settings;
        this.handler = new CommandHandler(context);
        this.tls = tls;
        this.clock = clock;
    }

    /** Binds every address (all or nothing) and starts serving. */
    public void start() throws IOException {
        try {
            for (InetSocketAddress address : bindable(settings.listen())) {
                boolean v6 = address.getAddress() instanceof Inet6Address;
                ServerSocketChannel ch = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                listeners.add(ch);
                ch.bind(address, settings.backlog());
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot listen for NUT clients on " + settings.listen() + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < settings.eventLoops(); i++) {
            EventLoop loop = new EventLoop(clock, settings.idleTimeout(), this::newSession, handler, tls,
                    connections::decrementAndGet);
            loops.add(loop);
            threads.add(Thread.ofPlatform().name("nut-loop-" + i).daemon().start(loop));
        }
        for (ServerSocketChannel l : listeners) {
            threads.add(Thread.ofPlatform().name("nut-accept-" + l.getLocalAddress()).daemon().start(() -> accept(l)));
            LOG.info("NUT server listening on {}", l.getLocalAddress());
        }
    }

    /**
     * The IPv6 wildcard ({@code [::]}) also takes IPv4 connections (dual stack), so an IPv4 wildcard on the
     * same port is left out rather than failing with "address in use".
     */
    static List<InetSocketAddress> bindable(List<InetSocketAddress> listen) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress a : listen) {
            boolean v4Any = a.getAddress() instanceof Inet4Address && a.getAddress().isAnyLocalAddress();
            boolean v6AnySamePort = listen.stream().anyMatch(o -> o.getAddress() instanceof Inet6Address
                    && o.getAddress().isAnyLocalAddress() && o.getPort() == a.getPort());
            if (v4Any && v6AnySamePort) {
                LOG.info("{} is served by the IPv6 wildcard listener on the same port", a);
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private SessionState newSession(SocketChannel ch) {
        String address;
        try {
            address = Addresses.format(((InetSocketAddress) ch.getRemoteAddress()).getAddress());
        } catch (IOException e) {
            address = "unknown";
        }
        return new SessionState(sessionIds.incrementAndGet(), address, clock.instant());
    }

    private void accept(ServerSocketChannel listener) {
        while (listener.isOpen()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.getMessage());
                continue;
            }
            if (connections.incrementAndGet() > settings.maxConnections()) {
                connections.decrementAndGet();
                refuse(ch);
                continue;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, NODELAY);
                loops.get(Math.floorMod(next.getAndIncrement(), loops.size())).adopt(ch);
            } catch (IOException e) {
                connections.decrementAndGet();
                closeQuietly(ch);
            }
        }
    }

    private void refuse(SocketChannel ch) {
        refused.incrementAndGet();
        closeQuietly(ch);
        long now = clock.millis();
        if (now - lastRefusalLog > 10_000) {
            lastRefusalLog = now;
            LOG.warn("MAXCONN ({}) reached: refusing new NUT connections ({} so far)", settings.maxConnections(),
                    refused.get());
        }
    }

    /** The addresses actually bound (port 0 resolved). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel l : listeners) {
            try {
                out.add((InetSocketAddress) l.getLocalAddress());
            } catch (IOException e) {
                // closed
            }
        }
        return out;
    }

    /** Why the NUT side is not healthy (event loops that stopped coming round), empty when it is. */
    public List<String> stuck(Duration limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < loops.size(); i++) {
            Duration d = loops.get(i).sinceHeartbeat();
            if (d.compareTo(limit) > 0) {
                out.add("NUT event loop " + i + " has not come round for " + d.toSeconds() + " s");
            }
        }
        for (Thread t : threads) {
            if (!t.isAlive()) {
                out.add("NUT thread " + t.getName() + " has stopped");
            }
        }
        return out;
    }

    public int connectionCount() {
        return connections.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    /** The most any one connection has held in memory (unsent replies plus unread requests), in bytes. */
    public long maxBufferedBytes() {
        return loops.stream().mapToLong(EventLoop::maxBuffered).max().orElse(0);
    }

    @Override
    public void close() {
        for (ServerSocketChannel l : listeners) {
            closeQuietly(l);
        }
        loops.forEach(EventLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
