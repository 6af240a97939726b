package io.gridwatch.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the connections of one {@link EventLoop} share, since they run on its one thread: the read buffer, the
 * reply builder and the encoder's buffers; so an idle connection costs only its small state. Also keeps the most
 * any one connection has held (for the benchmarks). Not thread-safe: the loop's thread only.
 */
final class LoopBuffers {
    private static final int READ_BUFFER = 16 * 1024;

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final StringBuilder output = new StringBuilder(8 * 1024);
    private byte[] ascii = new byte[16 * 1024];
    private ByteBuffer encoded = ByteBuffer.allocateDirect(16 * 1024);
    private volatile long maxBuffered;

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** The shared reply builder, empty. */
    StringBuilder output() {
        output.setLength(0);
        return output;
    }

    /** The replies as bytes, in a buffer the transport consumes or copies before the next call. */
    ByteBuffer encode(CharSequence text) {
        int n = text.length();
        if (ascii.length < n) {
            ascii = new byte[Math.max(n, ascii.length * 2)];
            encoded = ByteBuffer.allocateDirect(ascii.length);
        }
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80) {
                return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            ascii[i] = (byte) ch;
        }
        encoded.clear();
        return encoded.put(ascii, 0, n).flip();
    }

    /** Records how much one connection holds (unsent replies plus unread requests); keeps the maximum. */
    void noteBuffered(long bytes) {
        if (bytes > maxBuffered) {
            maxBuffered = bytes;
        }
    }

    long maxBuffered() {
        return maxBuffered;
    }
}
