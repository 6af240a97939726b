package io.gridwatch.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket, after STARTTLS: an {@link SSLEngine} in server mode doing the handshake as
 * bytes arrive, decrypting into a plaintext buffer and encrypting replies. Buffers grow only to the engine's
 * record sizes (plus what the socket has not yet taken). One event-loop thread.
 */
final class TlsTransport implements Transport {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;       // write mode: ciphertext received, not yet decrypted
    private ByteBuffer netOut;      // read mode: ciphertext waiting for the socket
    private ByteBuffer appIn;       // read mode: plaintext waiting to be read
    private ByteBuffer appOut;      // read mode: plaintext waiting for the handshake to finish
    private boolean eof;

    /** @param initial bytes that arrived right after STARTTLS (the start of the client's handshake) */
    TlsTransport(SocketChannel channel, SSLEngine engine, ByteBuffer initial) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(Math.max(packet, initial.remaining()));
        netIn.put(initial);
        netOut = ByteBuffer.allocate(packet).flip();
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        appOut = EMPTY;
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!appIn.hasRemaining()) {
            if (channel.read(netIn) < 0) {
                eof = true;
            }
            unwrap();
            flush();
        }
        if (appIn.hasRemaining()) {
            int n = Math.min(dst.remaining(), appIn.remaining());
            ByteBuffer slice = appIn.slice(appIn.position(), n);
            dst.put(slice);
            appIn.position(appIn.position() + n);
            return n;
        }
        return eof ? -1 : 0;
    }

    private void unwrap() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                if (!wrap(EMPTY)) {
                    return;
                }
                continue;
            }
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    netIn = ensureRoom(netIn, engine.getSession().getPacketBufferSize());
                    return;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case CLOSED -> {
                    eof = true;
                    return;
                }
                case OK -> {
                    boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                    HandshakeStatus next = r.getHandshakeStatus();
                    if (!progress && next != HandshakeStatus.NEED_TASK && next != HandshakeStatus.NEED_WRAP) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Encrypts as much of {@code src} as the engine allows now (nothing during the handshake), plus any
     * handshake data it wants to send; returns whether anything was produced.
     */
    private boolean wrap(ByteBuffer src) throws IOException {
        boolean any = false;
        while (true) {
            netOut.compact();
            SSLEngineResult r;
            try {
                r = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                case CLOSED -> {
                    return any;
                }
                case BUFFER_UNDERFLOW, OK -> {
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                    any |= progress;
                    if (!progress || (!src.hasRemaining() && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP)) {
                        return any;
                    }
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        ByteBuffer next = ByteBuffer.allocate(appOut.remaining() + src.remaining());
        next.put(appOut).put(src).flip();
        appOut = next;
        return flush();
    }

    @Override
    public boolean flush() throws IOException {
        if (appOut.hasRemaining() && handshakeDone()) {
            wrap(appOut);
            if (!appOut.hasRemaining()) {
                appOut = EMPTY;
            }
        }
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                break;
            }
        }
        return !netOut.hasRemaining() && !appOut.hasRemaining();
    }

    private boolean handshakeDone() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    @Override
    public int pendingBytes() {
        return netOut.remaining() + appOut.remaining();
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.hasRemaining();
    }

    /** Sends close_notify, best effort. */
    void closeOutbound() {
        try {
            engine.closeOutbound();
            wrap(EMPTY);
            flush();
        } catch (IOException | RuntimeException e) {
            // the peer is going away anyway
        }
    }

    private static ByteBuffer grow(ByteBuffer readMode, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(readMode.capacity() + extra);
        bigger.put(readMode).flip();
        return bigger;
    }

    private static ByteBuffer ensureRoom(ByteBuffer writeMode, int packet) {
        if (writeMode.remaining() >= packet) {
            return writeMode;
        }
        ByteBuffer bigger = ByteBuffer.allocate(writeMode.position() + packet);
        writeMode.flip();
        bigger.put(writeMode);
        return bigger;
    }
}
