package io.gridwatch.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Syslog as RFC 5424 says: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG}, the MSGID being the
 * notification type and the structured data ({@code gridwatch@32473}) carrying UPS, severity and host. Over UDP
 * one datagram per message (RFC 5426); over TCP with octet counting (RFC 6587), one connection per delivery so a
 * restarted server costs nothing.
 */
public final class SyslogChannel implements Channel {
    /** Above this a UDP datagram may be dropped on the way; the message is cut to fit (RFC 5426 section 3.2). */
    static final int UDP_MAX = 2048;
    private static final String SD_ID = "gridwatch@32473";

    private final ChannelSpec.Syslog spec;
    private final String hostname;

    public SyslogChannel(ChannelSpec.Syslog spec) {
        this.spec = spec;
        this.hostname = localHost();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void send(Outbox.Item item) throws IOException {
        byte[] msg = format(item.message(), item.id());
        InetSocketAddress to = new InetSocketAddress(spec.host(), spec.port());
        if (to.isUnresolved()) {
            throw new IOException("cannot resolve syslog server " + spec.host());
        }
        if (spec.tcp()) {
            try (Socket s = new Socket()) {
                s.connect(to, 10_000);
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(msg);
                out.flush();
            }
        } else {
            try (DatagramSocket s = new DatagramSocket()) {
                s.send(new DatagramPacket(msg, Math.min(msg.length, UDP_MAX), to));
            }
        }
    }

    byte[] format(Notification n, String id) {
        int pri = spec.facility() * 8 + severity(n.severity());
        StringBuilder b = new StringBuilder(256);
        b.append('<').append(pri).append(">1 ")
                .append(DateTimeFormatter.ISO_INSTANT.format(n.at().truncatedTo(ChronoUnit.MILLIS))).append(' ')
                .append(token(hostname, 255)).append(' ').append(token(spec.appName(), 48)).append(' ')
                .append(ProcessHandle.current().pid()).append(' ').append(token(n.type().key(), 32)).append(" [")
                .append(SD_ID).append(param("id", id)).append(param("severity", n.severity().name().toLowerCase()));
        if (n.ups() != null) {
            b.append(param("ups", n.ups()));
        }
        if (n.fields().containsKey("host")) {
            b.append(param("host", n.fields().get("host")));
        }
        if (n.drill()) {
            b.append(param("drill", "true"));
        }
        b.append("] ");
        String text = (n.title() + ": " + n.message()).replaceAll("\\s*\\R+\\s*", " ");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        boolean ascii = text.chars().allMatch(c -> c < 128);
        byte[] bom = ascii ? new byte[0] : new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] all = new byte[head.length + bom.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bom, 0, all, head.length, bom.length);
        System.arraycopy(body, 0, all, head.length + bom.length, body.length);
        return all;
    }

    /** RFC 5424 severities: critical 2, warning 4, informational 6. */
    static int severity(Severity s) {
        return switch (s) {
            case CRITICAL -> 2;
            case WARNING -> 4;
            case INFO -> 6;
        };
    }

    /** A header field: printable ASCII without spaces, at most {@code max} long, "-" when empty. */
    private static String token(String s, int max) {
        String t = s == null ? "" : s.replaceAll("[^\\x21-\\x7e]", "_");
        return t.isEmpty() ? "-" : t.length() > max ? t.substring(0, max) : t;
    }

    /** An SD-PARAM, with '"', '\' and ']' escaped (RFC 5424 section 6.3.3). */
    private static String param(String name, String value) {
        return " " + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]") + "\"";
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "-";
        }
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
