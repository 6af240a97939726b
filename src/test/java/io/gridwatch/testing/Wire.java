package io.gridwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw NUT connection for tests: sends exact bytes, reads exact reply lines, checks for silence and for a
 * closed connection. Not thread-safe.
 */
public final class Wire implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public Wire(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static Wire local(int port) throws IOException {
        return new Wire("127.0.0.1", port);
    }

    public Wire send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Wire sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One reply line without its LF. */
    public String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after '" + b.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
    }

    /** Sends a line (LF added) and returns the one-line reply. */
    public String ask(String request) throws IOException {
        send(request + "\n");
        return line();
    }

    /** Sends a LIST request and returns its lines from BEGIN LIST to END LIST (or the one ERR line). */
    public java.util.List<String> list(String request) throws IOException {
        send(request + "\n");
        java.util.List<String> out = new java.util.ArrayList<>();
        String l = line();
        out.add(l);
        while (l.startsWith("BEGIN LIST") || !out.get(0).startsWith("ERR") && !l.startsWith("END LIST")) {
            l = line();
            out.add(l);
            if (l.startsWith("END LIST")) {
                break;
            }
        }
        return out;
    }

    /** True when nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int c = in.read();
            if (c >= 0) {
                throw new IOException("expected silence, got byte " + c);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    /** True when the server closed the connection (end of stream, or reset) within 5 s. */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !(e instanceof SocketTimeoutException);
        }
    }

    /** Whatever one read() returns within the timeout (to check that a reply came in one piece). */
    public String readChunk(int max) throws IOException {
        byte[] buf = new byte[max];
        int n = in.read(buf);
        return n < 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
