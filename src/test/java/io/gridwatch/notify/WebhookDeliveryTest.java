package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gridwatch.testing.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver on loopback that is down (HTTP 503) for a while, a server restart in between, and afterwards
 * every notification delivered exactly once, signed, with its idempotency key.
 */
class WebhookDeliveryTest {
    @Test
    void downThenRestartedThenEverythingArrivesOnce(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
        AtomicInteger status = new AtomicInteger(503);
        List<String[]> received = new CopyOnWriteArrayList<>(); // body, key, signature
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int code = status.get();
            if (code == 200) {
                received.add(new String[] {new String(body), ex.getRequestHeaders().getFirst("Idempotency-Key"),
                        ex.getRequestHeaders().getFirst("X-Gridwatch-Signature"),
                        ex.getRequestHeaders().getFirst("X-Team")});
            }
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        receiver.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            WebhookChannel hook = new WebhookChannel(new ChannelSpec.Webhook("ops", java.util.Set.of(), false, url,
                    Map.of("X-Team", "infra"), "s3cret"));
            Path file = dir.resolve("outbox.json");
            Outbox outbox = new Outbox(file, clock, Duration.ofDays(1));
            Outbox.Item a = outbox.enqueue("ops", OutboxTest.note("power-lost", "Power lost", "grid on battery"));
            Outbox.Item b = outbox.enqueue("ops", OutboxTest.note("low-battery", "Low battery", "grid: 18 %"));
            new Dispatcher(outbox, Map.of("ops", hook)).run();
            assertThat(received).as("the receiver is down").isEmpty();
            assertThat(outbox.all()).allSatisfy(i -> assertThat(i.lastError()).contains("503"));

            // the server restarts; the receiver comes back
            Outbox reopened = new Outbox(file, clock, Duration.ofDays(1));
            Dispatcher dispatcher = new Dispatcher(reopened, Map.of("ops", hook));
            status.set(200);
            dispatcher.run();
            assertThat(received).as("not due before its retry time").isEmpty();
            clock.advance(Duration.ofSeconds(30));
            dispatcher.run();
            clock.advance(Duration.ofHours(2));
            dispatcher.run();
            dispatcher.run();

            assertThat(received).extracting(r -> r[1]).containsExactlyInAnyOrder(a.id(), b.id());
            for (String[] r : received) {
                assertThat(r[2]).isEqualTo("sha256=" + WebhookChannel.hmac("s3cret", r[0].getBytes()));
                assertThat(r[3]).isEqualTo("infra");
                assertThat(r[0]).contains("\"id\":\"" + r[1] + "\"");
            }
            assertThat(received.stream().map(r -> r[0]).toList())
                    .anyMatch(x -> x.contains("\"type\":\"power-lost\"") && x.contains("\"message\":\"grid on battery\""));
            assertThat(hook.toString()).doesNotContain("s3cret");
        } finally {
            receiver.stop(0);
        }
    }
}
