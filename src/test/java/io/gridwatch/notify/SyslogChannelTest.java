package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Syslog against receivers on loopback: RFC 5424 messages over UDP (one datagram) and TCP (octet counting). */
class SyslogChannelTest {
    /** PRI, version, timestamp, hostname, app-name, procid, msgid, structured data, message. */
    private static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\d+) (\\S+) (\\[.*?[^\\\\]]) (.*)$", Pattern.DOTALL);

    private static Notification fsd() {
        return Notification.of(NotifyType.FSD, "rack", "Forced shutdown: rack", "FSD set by upsmon.\nAll go down.",
                Map.of("by", "upsmon", "host", "nas\"1]"), Instant.parse("2026-11-21T10:00:00.123456Z"));
    }

    @Test
    void udpDatagramIsOneRfc5424Message() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            SyslogChannel c = new SyslogChannel(new ChannelSpec.Syslog("log", Set.of(), false, "127.0.0.1",
                    receiver.getLocalPort(), false, 16, "gridwatch"));
            c.send(new Outbox.Item("n-7", "log", fsd(), Instant.now(), Outbox.State.PENDING, 0, Instant.now(), null,
                    null));
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            receiver.receive(p);
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            Matcher m = RFC5424.matcher(msg);
            assertThat(m.matches()).as(msg).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("local0 (16) * 8 + critical (2)").isEqualTo(130);
            assertThat(m.group(2)).isEqualTo("2026-11-21T10:00:00.123Z");
            assertThat(m.group(4)).isEqualTo("gridwatch");
            assertThat(Long.parseLong(m.group(5))).isEqualTo(ProcessHandle.current().pid());
            assertThat(m.group(6)).isEqualTo("fsd");
            assertThat(m.group(7)).isEqualTo("[gridwatch@32473 id=\"n-7\" severity=\"critical\" ups=\"rack\" "
                    + "host=\"nas\\\"1\\]\"]");
            assertThat(m.group(8)).isEqualTo("Forced shutdown: rack: FSD set by upsmon. All go down.");
        }
    }

    @Test
    void tcpUsesOctetCountingFraming() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            SyslogChannel c = new SyslogChannel(new ChannelSpec.Syslog("log", Set.of(), false, "127.0.0.1",
                    server.getLocalPort(), true, 3, "gw"));
            Notification n = Notification.of(NotifyType.POWER_LOST, "rack", "Power lost: rack é", "on battery",
                    Map.of(), Instant.parse("2026-11-21T10:00:00Z"));
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    c.send(new Outbox.Item("n-8", "log", n, Instant.now(), Outbox.State.PENDING, 0, Instant.now(),
                            null, null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                StringBuilder len = new StringBuilder();
                int ch;
                while ((ch = in.read()) != ' ') {
                    len.append((char) ch);
                }
                byte[] frame = new byte[Integer.parseInt(len.toString())];
                in.readFully(frame);
                assertThat(in.read()).as("nothing after the counted frame").isEqualTo(-1);
                String msg = new String(frame, StandardCharsets.UTF_8);
                Matcher m = RFC5424.matcher(msg);
                assertThat(m.matches()).as(msg).isTrue();
                assertThat(m.group(1)).as("daemon (3) * 8 + warning (4)").isEqualTo("28");
                assertThat(m.group(6)).isEqualTo("power-lost");
                assertThat(m.group(8)).as("UTF-8 text starts with a BOM").isEqualTo("\uFEFFPower lost: rack é: on battery");
            }
            sender.join();
        }
    }
}
