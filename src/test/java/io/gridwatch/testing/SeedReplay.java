package io.gridwatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The UPS_Server_Docker bash client's requests as curl sent them (recorded in {@code src/test/resources/seed/}),
 * replayed byte for byte to a port, with only the token and the server address substituted. Stateless.
 */
public final class SeedReplay {
    /** What came back: the status line, the whole head, and the (de-chunked) body. */
    public record Answer(String statusLine, String head, String body) {
    }

    private SeedReplay() {
    }

    /** Sends the recorded request {@code name} with this token to 127.0.0.1:{@code port}. */
    public static Answer replay(String name, String token, int port) {
        try (InputStream recorded = SeedReplay.class.getResourceAsStream("/seed/" + name)) {
            String raw = new String(recorded.readAllBytes(), StandardCharsets.ISO_8859_1);
            raw = raw.replace("Bearer TOKEN", "Bearer " + token).replace("127.0.0.1:15999", "127.0.0.1:" + port);
            if (raw.contains("Content-Length: ")) {
                int body = raw.indexOf("\r\n\r\n") + 4;
                raw = raw.replaceFirst("Content-Length: \\d+", "Content-Length: " + (raw.length() - body));
            }
            raw = raw.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                s.getInputStream().transferTo(got);
                String response = got.toString(StandardCharsets.UTF_8);
                int split = response.indexOf("\r\n\r\n");
                String head = response.substring(0, split);
                String body = response.substring(split + 4);
                if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                    body = unchunk(body);
                }
                return new Answer(head.substring(0, head.indexOf("\r\n")), head, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String body) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = body.indexOf("\r\n", i);
            int len = Integer.parseInt(body.substring(i, eol).trim(), 16);
            if (len == 0) {
                return sb.toString();
            }
            sb.append(body, eol + 2, eol + 2 + len);
            i = eol + 2 + len + 2;
        }
    }
}
