package io.gridwatch.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.probe.Probe;
import io.gridwatch.probe.ProbeResult;
import io.gridwatch.testing.ManualClock;
import io.gridwatch.testing.ManualScheduler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wake-on-LAN after power returns, on a fake clock, with real magic packets to a loopback UDP receiver. */
class RecoveryPlannerTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final UpsName ups = UpsName.of("grid");
    final List<UpsEvent> events = new CopyOnWriteArrayList<>();
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    UpsHub hub;
    DatagramSocket receiver;
    Thread listener;

    /** A host that wakes after {@code packetsNeeded} magic packets (0: already up). */
    final class FakeHost implements Probe {
        final String mac;
        final int packetsNeeded;

        FakeHost(String mac, int packetsNeeded) {
            this.mac = mac;
            this.packetsNeeded = packetsNeeded;
        }

        @Override
        public ProbeResult probe(Duration timeout) {
            long packets = received.stream().filter(p -> p.endsWith(mac.replace(":", "").repeat(16))).count();
            return packets >= packetsNeeded ? ProbeResult.up(Duration.ofMillis(1)) : ProbeResult.down("silent");
        }

        @Override
        public String describe() {
            return "fake";
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        hub = new UpsHub(clock, Duration.ofHours(1), null);
        hub.register(ups, null, new CommandSink() {
            public CompletableFuture<CommandResult> setVar(String v, String x) {
                return null;
            }

            public CompletableFuture<CommandResult> instCmd(String c, String p) {
                return null;
            }
        }, true);
        hub.subscribe("test", events::add);
        receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        listener = Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[200];
            while (!receiver.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    receiver.receive(p);
                    received.add(HexFormat.of().formatHex(p.getData(), 0, p.getLength()));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        hub.close();
    }

    WakeHost host(String name, String mac, int packetsNeeded, int group) {
        return new WakeHost(name, "grid", mac, new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort()),
                new FakeHost(mac, packetsNeeded), true, group, Duration.ofSeconds(30));
    }

    RecoveryPlanner planner(List<WakeHost> hosts, PowerStateStore store) {
        RecoverySettings s = new RecoverySettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(1));
        return new RecoveryPlanner(hub, hosts, s, WakeSender.udp(), scheduler, Runnable::run, store);
    }

    <T extends UpsEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void awaitPackets(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= n);
    }

    @Test
    void magicPacketIsSixFFsAndSixteenMacs() {
        byte[] p = MagicPacket.build("00:11:22:aa:BB:cc");
        assertThat(p).hasSize(102);
        assertThat(HexFormat.of().formatHex(p)).isEqualTo("ffffffffffff" + "001122aabbcc".repeat(16));
        assertThat(MagicPacket.isMac("00-11-22-33-44-55")).isTrue();
        assertThat(MagicPacket.isMac("00:11:22:33:44")).isFalse();
    }

    @Test
    void wakesAfterTheDelayNotBefore() throws Exception {
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), PowerStateStore.open(dir.resolve("s.json")));
        p.plan(ups, clock.instant());
        scheduler.advance(Duration.ofMinutes(5).minusSeconds(1));
        Thread.sleep(200);
        assertThat(received).isEmpty();
        scheduler.advance(Duration.ofSeconds(1));
        awaitPackets(1);
        assertThat(received.get(0)).isEqualTo("ffffffffffff" + "001122334455".repeat(16));
        scheduler.advance(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.HostAwake.class).isEmpty());
        assertThat(of(UpsEvent.HostAwake.class).get(0).alreadyUp()).isFalse();
        assertThat(of(UpsEvent.WakeSent.class)).extracting(UpsEvent.WakeSent::attempt).containsExactly(1);
    }

    @Test
    void retriesWithDoublingWaitsThenGivesUp() throws Exception {
        RecoveryPlanner p = planner(List.of(host("dead", "00:00:00:00:00:01", 99, 1)), PowerStateStore.open(dir.resolve("s.json")));
        p.plan(ups, clock.instant());
        scheduler.advance(Duration.ofMinutes(5));
        awaitPackets(1);
        scheduler.advance(Duration.ofSeconds(60));
        awaitPackets(2);
        scheduler.advance(Duration.ofSeconds(119));
        Thread.sleep(200);
        assertThat(received).hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        awaitPackets(3);
        scheduler.advance(Duration.ofSeconds(240));
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.WakeFailed.class).isEmpty());
        assertThat(received).hasSize(3);
    }

    @Test
    void hostsAlreadyUpAreSkipped() {
        RecoveryPlanner p = planner(List.of(host("up", "00:00:00:00:00:02", 0, 1)), PowerStateStore.open(dir.resolve("s.json")));
        p.plan(ups, clock.instant());
        scheduler.advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.HostAwake.class).isEmpty());
        assertThat(of(UpsEvent.HostAwake.class).get(0).alreadyUp()).isTrue();
        assertThat(received).isEmpty();
    }

    @Test
    void groupsAreWokenInOrderWithTheirWait() throws Exception {
        RecoveryPlanner p = planner(List.of(host("hypervisor", "00:00:00:00:00:0b", 1, 2),
                host("storage", "00:00:00:00:00:0a", 1, 1)), PowerStateStore.open(dir.resolve("s.json")));
        p.plan(ups, clock.instant());
        scheduler.advance(Duration.ofMinutes(5));
        awaitPackets(1);
        assertThat(received.get(0)).endsWith("00000000000a".repeat(16));
        scheduler.advance(Duration.ofSeconds(29));
        Thread.sleep(200);
        assertThat(received).hasSize(1);
        scheduler.advance(Duration.ofSeconds(1));
        awaitPackets(2);
        assertThat(received.get(1)).endsWith("00000000000b".repeat(16));
    }

    @Test
    void aNewOutageCancelsThePendingWake() throws Exception {
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), PowerStateStore.open(dir.resolve("s.json")));
        p.start();
        hub.update(ups, DeviceState.builder().set("ups.status", "OB DISCHRG").build());
        hub.update(ups, DeviceState.builder().set("ups.status", "OL CHRG").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.WakePlanned.class).isEmpty());
        hub.update(ups, DeviceState.builder().set("ups.status", "OB DISCHRG").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.WakeCancelled.class).isEmpty());
        scheduler.advance(Duration.ofMinutes(10));
        Thread.sleep(200);
        assertThat(received).isEmpty();
    }

    @Test
    void aPendingWakeSurvivesARestart() {
        PowerStateStore store = PowerStateStore.open(dir.resolve("s.json"));
        planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), store).plan(ups, clock.instant());
        clock.advance(Duration.ofMinutes(2));
        RecoveryPlanner restarted = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)),
                PowerStateStore.open(dir.resolve("s.json")));
        restarted.start();
        scheduler.advance(Duration.ofMinutes(3));
        awaitPackets(1);
    }

    @Test
    void manualWakeSendsAtOnce() {
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), PowerStateStore.open(dir.resolve("s.json")));
        assertThat(p.wakeNow("nas", "admin")).isTrue();
        awaitPackets(1);
        assertThat(of(UpsEvent.WakeSent.class).get(0).by()).isEqualTo("admin");
        assertThat(p.wakeNow("nope", "admin")).isFalse();
    }
}
