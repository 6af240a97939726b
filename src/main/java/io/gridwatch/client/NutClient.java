package io.gridwatch.client;

import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.NutTokenizer;
import io.gridwatch.protocol.Request;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A blocking client of the NUT network protocol, for any upsd or Gridwatch server: sends {@link Request}s and
 * reads their replies (single lines and {@code BEGIN LIST ... END LIST} blocks), with optional STARTTLS.
 * {@link NutSession} adds typed calls on top. Not thread-safe: one conversation at a time.
 */
public final class NutClient implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private NutClient(String host, int port, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        attach(socket);
    }

    /** Connects; {@code timeout} bounds the connect and every later read. */
    public static NutClient connect(String host, int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to " + new HostPort(host, port) + ": " + e.getMessage(), e);
        }
        return new NutClient(host, port, s);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /**
     * Asks for STARTTLS and, when the server agrees, does the TLS handshake. Returns false when the server has
     * no certificate ({@code ERR FEATURE-NOT-CONFIGURED}); then the conversation goes on in plain text.
     */
    public boolean startTls(SSLContext context) throws IOException {
        String reply = call(new Request.StartTls());
        if (reply.startsWith("ERR ")) {
            NutError e = NutError.fromToken(reply.substring(4).trim()).orElse(null);
            if (e == NutError.FEATURE_NOT_CONFIGURED || e == NutError.FEATURE_NOT_SUPPORTED) {
                return false;
            }
            throw new NutException(e, reply);
        }
        if (!reply.equals("OK STARTTLS")) {
            throw new NutException(null, reply);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
        return true;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** Sends a request and returns its one-line reply as it came (ERR lines included). */
    public String call(Request request) throws IOException {
        sendLine(request.toLine());
        return readLine();
    }

    /** Sends a request whose reply must not be an error; returns the reply's words. */
    public List<String> expect(Request request) throws IOException {
        String reply = call(request);
        failOnError(reply);
        return NutTokenizer.split(reply);
    }

    /** Sends a LIST request and returns the words of each line between BEGIN and END. */
    public List<List<String>> list(Request request) throws IOException {
        String begin = call(request);
        failOnError(begin);
        if (!begin.startsWith("BEGIN LIST")) {
            throw new NutException(null, begin);
        }
        List<List<String>> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith("END LIST")) {
                return lines;
            }
            lines.add(NutTokenizer.split(line));
        }
    }

    private static void failOnError(String reply) throws NutException {
        if (reply.startsWith("ERR")) {
            String token = reply.length() > 4 ? reply.substring(4).trim() : "";
            throw new NutException(NutError.fromToken(token).orElse(null), reply);
        }
    }

    /** Writes one raw line (LF added); for tools that speak the protocol directly. */
    public void sendLine(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one reply line without its LF. */
    public String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                return buf.toString(StandardCharsets.UTF_8);
            }
            if (buf.size() >= MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " bytes");
            }
            buf.write(b);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
