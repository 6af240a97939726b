package io.gridwatch.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many NUT connections: reads, answers from memory, writes, and closes
 * connections idle longer than the idle timeout (upsd drops silent clients too). Its connections share its
 * {@link LoopBuffers}, and tell it when they close; they know nothing else of it.
 * Everything here runs on the loop's own thread, except {@link #adopt}, which any thread may call.
 */
final class EventLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private final Selector selector;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Function<SocketChannel, SessionState> sessions;
    private final CommandHandler handler;
    private final SSLContext tls;
    private final Runnable onClose;
    private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = new HashSet<>();
    private final LoopBuffers buffers = new LoopBuffers();
    private volatile boolean running = true;
    /** When the loop last came round (at least once a second while it is alive). */
    private volatile long heartbeat = System.nanoTime();
    private long lastSweep;
    private long roundTime;

    EventLoop(Clock clock, Duration idleTimeout, Function<SocketChannel, SessionState> sessions,
              CommandHandler handler, SSLContext tls, Runnable onClose) throws IOException {
        this.selector = Selector.open();
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.sessions = sessions;
        this.handler = handler;
        this.tls = tls;
        this.onClose = onClose;
    }

    /** How long ago the loop last came round. */
    Duration sinceHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - heartbeat);
    }

    /** Hands a freshly accepted connection to this loop. */
    void adopt(SocketChannel channel) {
        incoming.add(channel);
        selector.wakeup();
    }

    @Override
    public void run() {
        while (running) {
            heartbeat = System.nanoTime();
            try {
                roundTime = 0;
                selector.select(this::dispatch, 1000);
                long now = now();
                registerIncoming(now);
                if (now - lastSweep >= 1000) {
                    sweepIdle(now);
                    lastSweep = now;
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("NUT event loop error", e);
            }
        }
        new ArrayList<>(connections).forEach(Connection::close);
        try {
            selector.close();
        } catch (IOException e) {
            // shutting down
        }
    }

    /** The time of this select round, read once per round (connections only need it for the idle timeout). */
    private long now() {
        if (roundTime == 0) {
            roundTime = clock.millis();
        }
        return roundTime;
    }

    private void dispatch(SelectionKey key) {
        long now = now();
        Connection c = (Connection) key.attachment();
        if (!key.isValid()) {
            c.close();
            return;
        }
        if (key.isWritable()) {
            c.onWritable(now);
        }
        if (!c.isClosed() && key.isValid() && key.isReadable()) {
            c.onReadable(now);
        }
    }

    private void registerIncoming(long now) {
        SocketChannel ch;
        while ((ch = incoming.poll()) != null) {
            try {
                Connection c = new Connection(buffers, this::closed, ch, sessions.apply(ch), handler, tls);
                c.attach(ch.register(selector, SelectionKey.OP_READ, c), now);
                connections.add(c);
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not register a new connection: {}", e.toString());
                closeQuietly(ch);
                onClose.run();
            }
        }
    }

    private void sweepIdle(long now) {
        List<Connection> idle = new ArrayList<>();
        for (Connection c : connections) {
            if (now - c.lastActivity > idleTimeout.toMillis()) {
                idle.add(c);
            }
        }
        for (Connection c : idle) {
            LOG.debug("closing idle connection from {}", c.state().address());
            c.close();
        }
    }

    /** Called by a connection once it has closed. */
    private void closed(Connection c) {
        if (connections.remove(c)) {
            onClose.run();
        }
    }

    long maxBuffered() {
        return buffers.maxBuffered();
    }

    int connectionCount() {
        return connections.size();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
