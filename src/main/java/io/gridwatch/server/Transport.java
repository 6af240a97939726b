package io.gridwatch.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte pipe under a NUT connection: plain TCP, or TLS after STARTTLS. Non-blocking: reads return what is
 * there, writes keep what the socket would not take and send it on {@link #flush()}. Used by one event-loop
 * thread.
 */
interface Transport {

    /** Reads plaintext into {@code dst}; returns the count (possibly 0), or -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Sends all of {@code src} (consuming it); returns true when nothing is left waiting in the transport. */
    boolean write(ByteBuffer src) throws IOException;

    /** Sends what is waiting; returns true when nothing is left. */
    boolean flush() throws IOException;

    /** Bytes waiting to go out. */
    int pendingBytes();

    /** True when plaintext is already decoded and a read would return it without the socket being readable. */
    boolean hasBufferedInput();
}
