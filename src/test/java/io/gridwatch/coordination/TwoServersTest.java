package io.gridwatch.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gridwatch.hub.UpsName;
import io.gridwatch.notify.Outbox;
import io.gridwatch.testing.Postgres;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Gridwatch servers as one site, sharing the test PostgreSQL: each reads the same grid (a GPIO value file both
 * drivers poll), both have the same webhook channel and the same host to wake. The leader is killed in the middle
 * of an outage (its lease is not given up: the other must wait it out). The webhook receives the power loss once
 * and the power's return once; the host's magic packet arrives once (a loopback receiver, the host's probe
 * answering only after it); the survivor's outbox holds nothing pending, its own sighting of the power loss marked
 * as sent by the dead leader.
 */
class TwoServersTest {
    private static final String MAC = "02:00:00:00:00:42";

    private static String yaml(String server, String site, Path pin, int hook, int wakePort, int probePort) {
        return yaml(server, site, pin, hook, wakePort, probePort, Postgres.get());
    }

    private static String yaml(String server, String site, Path pin, int hook, int wakePort, int probePort,
                               Postgres.Server pg) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                http: { listen: "127.0.0.1:0" }
                ups:
                  grid: { driver: gpio, value_file: "%s", interval: 100ms, restore_after: 1s }
                recovery: { delay: 1s, attempts: 4, verify_after: 2s, max_backoff: 4s, broadcast: 127.0.0.1, port: %d }
                hosts:
                  nas: { address: 127.0.0.1, mac: "%s", probe: "http://127.0.0.1:%d/" }
                notify:
                  channels:
                    ops: { type: webhook, url: "http://127.0.0.1:%d/hook", events: [all] }
                coordination:
                  site: %s
                  server: %s
                  url: "%s"
                  user: %s
                  lease: 2s
                """.formatted(pin, wakePort, MAC, probePort, hook, site, server, pg.url(), pg.user());
    }

    /** kill -9 of the leader: its lease is not given up, so the survivor must wait it out. */
    private static void kill(TestServer leader, TestServer survivor) {
        ((PostgresCoordinator) leader.app().coordinator()).crash();
        leader.close();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> survivor.app().coordinator().leading());
        long takeover = (System.nanoTime() - killed) / 1_000_000;
        assertThat(takeover).as("ms to take over (lease 2 s, renewed every 0.5 s)").isLessThanOrEqualTo(3500);
        assertThat(survivor.app().coordinator().status().role()).isEqualTo("leader");
    }

    private static long count(List<String> bodies, String type) {
        return bodies.stream().filter(b -> b.contains("\"type\":\"" + type + "\"")).count();
    }

    @Test
    void theLeaderKilledDuringAnOutageIsReplacedAndNothingIsSentTwiceOrLost(@TempDir Path dir) throws Exception {
        run(dir, 1, false);
    }

    /** The leader sends the first magic packet and dies; the host needs two: the survivor sends the second only. */
    @Test
    void theLeaderKilledAfterTheFirstMagicPacketIsNotFollowedByItAgain(@TempDir Path dir) throws Exception {
        run(dir, 2, true);
    }

    private void run(Path dir, int packetsToBoot, boolean killAfterFirstPacket) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        int probePort = RealNut.freePort();
        AtomicReference<HttpServer> nasUp = new AtomicReference<>();
        List<Long> packets = new CopyOnWriteArrayList<>();
        DatagramSocket wake = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread listener = Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[200];
            while (!wake.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    wake.receive(p);
                    packets.add(System.currentTimeMillis());
                    if (nasUp.get() == null && packets.size() >= packetsToBoot) { // the machine boots: its probe answers
                        HttpServer nas = HttpServer.create(new InetSocketAddress("127.0.0.1", probePort), 0);
                        nas.createContext("/", ex -> {
                            ex.sendResponseHeaders(200, -1);
                            ex.close();
                        });
                        nas.start();
                        nasUp.set(nas);
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        String site = "two-" + UUID.randomUUID();
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        UpsName grid = UpsName.of("grid");
        TestServer a = TestServer.start(Files.createDirectories(dir.resolve("a")),
                yaml("a", site, pin, hook.getAddress().getPort(), wake.getLocalPort(), probePort), Map.of());
        try (TestServer b = TestServer.start(Files.createDirectories(dir.resolve("b")),
                yaml("b", site, pin, hook.getAddress().getPort(), wake.getLocalPort(), probePort), Map.of())) {
            assertThat(a.app().coordinator().status().role()).isEqualTo("leader");
            assertThat(b.app().coordinator().status().role()).isEqualTo("follower");
            assertThat(b.app().coordinator().status().leader()).isEqualTo("a");
            tools.jackson.databind.JsonNode role = io.gridwatch.testing.Api.of(b)
                    .login("admin", b.app().initialAdminPassword()).get("/api/v1/site").json();
            assertThat(role.get("role").asString()).isEqualTo("follower");
            assertThat(role.get("leader").asString()).isEqualTo("a");
            assertThat(role.get("server").asString()).isEqualTo("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.app().hub().snapshot(grid).statusLine().startsWith("OL")
                    && b.app().hub().snapshot(grid).statusLine().startsWith("OL"));

            Files.writeString(pin, "0\n"); // the grid fails
            await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "power-lost") == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.app().notifier().outbox().all().stream()
                    .anyMatch(i -> i.type().equals("power-lost") && "a".equals(i.deliveredBy())));

            TestServer survivor = b;
            if (!killAfterFirstPacket) {
                kill(a, b);
                Files.writeString(pin, "1\n"); // the grid is back
            } else {
                Files.writeString(pin, "1\n"); // the grid is back; the leader sends packet 1 and dies
                await().atMost(Duration.ofSeconds(20)).until(() -> packets.size() == 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "wake-sent") == 1);
                kill(a, b);
            }
            await().atMost(Duration.ofSeconds(40)).until(() -> count(received, "power-restored") == 1
                    && nasUp.get() != null && count(received, "wake-sent") == packetsToBoot);
            Thread.sleep(5000); // time for a second of anything to arrive
            assertThat(count(received, "power-lost")).as("power lost: sent once").isEqualTo(1);
            assertThat(count(received, "power-restored")).as("power restored: sent once").isEqualTo(1);
            assertThat(packets).as("each magic packet once: the host answered after the last").hasSize(packetsToBoot);
            assertThat(count(received, "wake-sent")).isEqualTo(packetsToBoot);
            assertThat(survivor.app().notifier().outbox().all()).as("nothing left pending on the survivor")
                    .noneMatch(i -> i.state() == Outbox.State.PENDING);
        } finally {
            a.close();
            wake.close();
            listener.join(2000);
            hook.stop(0);
            if (nasUp.get() != null) {
                nasUp.get().stop(0);
            }
        }
    }

    /**
     * The database stops under both servers: neither leads (they say so in /readyz), NUT keeps answering from each
     * one's own driver, a power loss meanwhile is held, not lost; when the database is back it goes out once.
     */
    @Test
    void postgresStoppedUnderBothHoldsTheOnceOnlyWorkAndSendsItOnceWhenBack(@TempDir Path dir) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        String site = "db-" + UUID.randomUUID();
        Path pin = Files.writeString(dir.resolve("pin"), "1\n");
        UpsName grid = UpsName.of("grid");
        int unused = RealNut.freePort();
        try (Postgres.Private pg = Postgres.startPrivate();
             TestServer a = TestServer.start(Files.createDirectories(dir.resolve("a")),
                     yaml("a", site, pin, hook.getAddress().getPort(), unused, unused, pg.server()), Map.of());
             TestServer b = TestServer.start(Files.createDirectories(dir.resolve("b")),
                     yaml("b", site, pin, hook.getAddress().getPort(), unused, unused, pg.server()), Map.of())) {
            assertThat(a.app().coordinator().leading()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.app().hub().snapshot(grid).statusLine().equals("OL"));

            pg.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.app().coordinator().leading()
                    && a.app().coordinator().status().role().equals("no_database")
                    && b.app().coordinator().status().role().equals("no_database"));
            for (TestServer s : List.of(a, b)) {
                io.gridwatch.testing.Api.Response ready = io.gridwatch.testing.Api.of(s).get("/readyz");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body()).contains("the coordination database does not answer")
                        .contains("\"role\":\"no_database\"");
                try (io.gridwatch.testing.Wire w = s.wire()) {
                    assertThat(w.ask("GET VAR grid ups.status")).isEqualTo("VAR grid ups.status \"OL\"");
                }
            }

            Files.writeString(pin, "0\n"); // the grid fails while the database is down
            await().atMost(Duration.ofSeconds(10)).until(() -> a.app().hub().snapshot(grid).status().onBattery()
                    && b.app().hub().snapshot(grid).status().onBattery());
            try (io.gridwatch.testing.Wire w = b.wire()) {
                assertThat(w.ask("GET VAR grid ups.status")).as("NUT still tells the truth").contains("OB");
            }
            Thread.sleep(3000);
            assertThat(count(received, "power-lost")).as("no once-only work without the database").isZero();
            assertThat(a.app().notifier().outbox().all()).anyMatch(i -> i.type().equals("power-lost")
                    && i.state() == Outbox.State.PENDING);

            pg.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "power-lost") == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> List.of(a, b).stream().allMatch(s -> s.app().notifier()
                    .outbox().all().stream().noneMatch(i -> i.state() == Outbox.State.PENDING)));
            Files.writeString(pin, "1\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> count(received, "power-restored") == 1);
            Thread.sleep(3000);
            assertThat(count(received, "power-lost")).as("held by both, sent once").isEqualTo(1);
            assertThat(count(received, "power-restored")).isEqualTo(1);
            assertThat(io.gridwatch.testing.Api.of(b).get("/readyz").status()).isEqualTo(200);
        } finally {
            hook.stop(0);
        }
    }
}
