package io.gridwatch.server;

import io.gridwatch.protocol.NutTokenizer;
import io.gridwatch.protocol.Request;
import io.gridwatch.protocol.RequestDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NUT client connection on an event loop: bytes in through the tokenizer, requests through the
 * {@link CommandHandler}, all replies to one read sent with one write. Memory per connection is bounded:
 * when the client stops reading, we stop reading its requests too (keeping at most one read buffer of
 * unprocessed input) until the socket drains. Confined to its event-loop thread.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Replies held back before the connection waits for the client to read. */
    static final int OUTPUT_HIGH_WATER = 64 * 1024;

    private final LoopBuffers loop;
    private final Consumer<Connection> onClosed;
    private final SocketChannel channel;
    private final SessionState state;
    private final CommandHandler handler;
    private final SSLContext tls;
    private final NutTokenizer tokenizer = NutTokenizer.forServer();
    private SelectionKey key;
    private Transport transport;
    private ByteBuffer unprocessed;
    private boolean closeAfterFlush;
    private boolean closed;
    long lastActivity;

    /**
     * @param loop     the buffers of the event loop serving it
     * @param onClosed told once the connection has closed
     */
    Connection(LoopBuffers loop, Consumer<Connection> onClosed, SocketChannel channel, SessionState state,
               CommandHandler handler, SSLContext tls) {
        this.loop = loop;
        this.onClosed = onClosed;
        this.channel = channel;
        this.state = state;
        this.handler = handler;
        this.tls = tls;
        this.transport = new PlainTransport(channel);
    }

    void attach(SelectionKey key, long now) {
        this.key = key;
        this.lastActivity = now;
    }

    void onReadable(long now) {
        try {
            ByteBuffer buf = loop.readBuffer();
            do {
                buf.clear();
                int n = transport.read(buf);
                if (n < 0) {
                    close();
                    return;
                }
                if (n > 0) {
                    lastActivity = now;
                    buf.flip();
                    consume(buf);
                }
            } while (!closed && unprocessed == null && transport.pendingBytes() == 0
                    && transport.hasBufferedInput());
            updateInterest();
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} failed: {}", state.address(), e.toString());
            close();
        }
    }

    void onWritable(long now) {
        try {
            if (!transport.flush()) {
                return;
            }
            if (closeAfterFlush) {
                close();
                return;
            }
            if (unprocessed != null) {
                ByteBuffer in = unprocessed;
                unprocessed = null;
                consume(in);
            }
            if (!closed && transport.pendingBytes() == 0 && transport.hasBufferedInput()) {
                onReadable(now);
                return;
            }
            updateInterest();
        } catch (IOException | RuntimeException e) {
            LOG.debug("connection from {} failed: {}", state.address(), e.toString());
            close();
        }
    }

    private void consume(ByteBuffer in) throws IOException {
        StringBuilder out = loop.output();
        while (in.hasRemaining() && !closed) {
            if (!tokenizer.feed(in)) {
                continue;
            }
            Request request = RequestDecoder.decode(tokenizer.takeArgs());
            switch (handler.handle(state, request, out)) {
                case CLOSE -> {
                    send(out);
                    closeAfterFlush = true;
                    return;
                }
                case START_TLS -> {
                    send(out);
                    startTls(in);
                    return;
                }
                case CONTINUE -> {
                    if (out.length() >= OUTPUT_HIGH_WATER && !send(out)) {
                        keep(in);
                        return;
                    }
                }
            }
        }
        send(out);
    }

    /** Sends the collected replies; false when the socket did not take them all. */
    private boolean send(StringBuilder out) throws IOException {
        if (out.isEmpty()) {
            return transport.pendingBytes() == 0;
        }
        boolean done = transport.write(loop.encode(out));
        out.setLength(0);
        loop.noteBuffered(transport.pendingBytes());
        return done;
    }

    private void keep(ByteBuffer in) {
        unprocessed = ByteBuffer.allocate(in.remaining());
        unprocessed.put(in).flip();
        loop.noteBuffered(transport.pendingBytes() + unprocessed.capacity());
    }

    private void startTls(ByteBuffer rest) throws IOException {
        if (transport.pendingBytes() > 0) {
            throw new IOException("client did not read OK STARTTLS");
        }
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(false);
        boolean handshakeStarted = rest.hasRemaining();
        transport = new TlsTransport(channel, engine, rest);
        state.tls(true);
        LOG.debug("STARTTLS with {}", state.address());
        if (handshakeStarted) {
            transport.read(ByteBuffer.allocate(0));
        }
    }

    private void updateInterest() {
        if (closed) {
            return;
        }
        // while replies wait for a slow reader, its requests wait too: that bounds what we hold for it
        boolean waiting = transport.pendingBytes() > 0;
        int ops = waiting ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
        if (closeAfterFlush && !waiting) {
            close();
        }
    }

    /** Output waiting to be read by a slow client; for the bound on buffering. */
    int pendingBytes() {
        return transport.pendingBytes();
    }

    boolean isClosed() {
        return closed;
    }

    SessionState state() {
        return state;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (transport instanceof TlsTransport t) {
            t.closeOutbound();
        }
        handler.logout(state);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
        onClosed.accept(this);
    }
}
