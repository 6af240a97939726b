package io.gridwatch.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Plain TCP: one write system call per reply batch; leftovers wait for the socket to drain. One thread. */
final class PlainTransport implements Transport {
    private final SocketChannel channel;
    private ByteBuffer pending;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        if (pending == null) {
            channel.write(src);
            if (!src.hasRemaining()) {
                return true;
            }
        }
        append(src);
        return flush();
    }

    private void append(ByteBuffer src) {
        ByteBuffer next = ByteBuffer.allocate(pendingBytes() + src.remaining());
        if (pending != null) {
            next.put(pending);
        }
        next.put(src).flip();
        pending = next;
    }

    @Override
    public boolean flush() throws IOException {
        if (pending == null) {
            return true;
        }
        channel.write(pending);
        if (!pending.hasRemaining()) {
            pending = null;
            return true;
        }
        return false;
    }

    @Override
    public int pendingBytes() {
        return pending == null ? 0 : pending.remaining();
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }
}
