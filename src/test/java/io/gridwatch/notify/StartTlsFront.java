package io.gridwatch.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front on loopback that offers STARTTLS, negotiates TLS with the client, then relays the encrypted
 * session to a plain GreenMail behind it (GreenMail itself has no STARTTLS). Refuses MAIL before STARTTLS, as a
 * strict relay does. Counts completed TLS handshakes so a test can tell TLS was really used.
 */
final class StartTlsFront implements AutoCloseable {
    final AtomicInteger handshakes = new AtomicInteger();
    private final ServerSocket server;
    private final SSLContext tls;
    private final int upstream;

    StartTlsFront(SSLContext tls, int upstream) throws IOException {
        this.tls = tls;
        this.upstream = upstream;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                Thread.ofVirtual().start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            write(out, "220 front ESMTP");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.split(" ")[0].toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> write(out, "250-front\r\n250-STARTTLS\r\n250 8BITMIME");
                    case "STARTTLS" -> {
                        write(out, "220 Ready to start TLS");
                        relay(c);
                        return;
                    }
                    case "QUIT" -> {
                        write(out, "221 Bye");
                        return;
                    }
                    default -> write(out, "530 5.7.0 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void relay(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        handshakes.incrementAndGet();
        try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
            readLine(up.getInputStream()); // GreenMail's greeting: the client already had ours
            Thread back = Thread.ofVirtual().start(() -> pipe(up, s));
            pipe(s, up);
            back.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // one side closed
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
