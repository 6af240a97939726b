package io.gridwatch.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
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
        return host(name, mac, packetsNeeded, group, Duration.ZERO);
    }

    WakeHost host(String name, String mac, int packetsNeeded, int group, Duration groupWait) {
        return new WakeHost(name, "grid", mac, new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort()),
                new FakeHost(mac, packetsNeeded), true, group, groupWait);
    }

    RecoveryStore store() {
        return RecoveryStore.open(dir.resolve("recovery-state.json"));
    }

    /** A started planner: 3 attempts, first check after 60 s, doubling. */
    RecoveryPlanner planner(List<WakeHost> hosts, RecoveryStore store) {
        RecoverySettings s = new RecoverySettings(Duration.ofMinutes(5), 3, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofSeconds(1));
        RecoveryPlanner p = new RecoveryPlanner(hub, hosts, s, deliveredSender(), scheduler, Runnable::run, store);
        p.start();
        planners.add(p);
        return p;
    }

    final List<RecoveryPlanner> planners = new ArrayList<>();

    /**
     * Real magic packets over loopback UDP, each waited for at the receiver before the call returns: the fake clock
     * runs minutes in microseconds, and a host must have had its packet before its next check.
     */
    WakeSender deliveredSender() {
        WakeSender udp = WakeSender.udp();
        return (mac, to) -> {
            int before = received.size();
            udp.send(mac, to);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() > before);
        };
    }

    @AfterEach
    void closePlanners() throws Exception {
        for (RecoveryPlanner p : planners) {
            p.close();
        }
    }

    <T extends UpsEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void awaitPackets(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= n);
    }

    /** Packets received so far, as the MAC's last byte each ("0a", "0b"...). */
    List<String> macs() {
        return received.stream().map(p -> p.substring(p.length() - 2)).toList();
    }

    /** Steps the clock a second at a time (as the planner ticks), letting packets arrive. */
    void run(Duration d) throws InterruptedException {
        for (long i = 0; i < d.toSeconds(); i++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
        Thread.sleep(100);
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
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(received).isEmpty();
        run(Duration.ofSeconds(1));
        awaitPackets(1);
        assertThat(received.get(0)).isEqualTo("ffffffffffff" + "001122334455".repeat(16));
        run(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.HostAwake.class).isEmpty());
        assertThat(of(UpsEvent.HostAwake.class).get(0).alreadyUp()).isFalse();
        run(Duration.ofSeconds(1));
        assertThat(of(UpsEvent.WakeSent.class)).extracting(UpsEvent.WakeSent::attempt).containsExactly(1);
        assertThat(of(UpsEvent.WakeFinished.class)).singleElement().satisfies(f -> {
            assertThat(f.awake()).containsExactly("nas");
            assertThat(f.failed()).isEmpty();
        });
        assertThat(store().plans()).as("nothing left to resume once every host answered").isEmpty();
    }

    @Test
    void retriesWithDoublingWaitsThenGivesUp() throws Exception {
        RecoveryPlanner p = planner(List.of(host("dead", "00:00:00:00:00:01", 99, 1)), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5));
        awaitPackets(1);
        run(Duration.ofSeconds(60));
        awaitPackets(2);
        run(Duration.ofSeconds(119));
        assertThat(received).hasSize(2);
        run(Duration.ofSeconds(1));
        awaitPackets(3);
        run(Duration.ofSeconds(239));
        assertThat(of(UpsEvent.WakeFailed.class)).isEmpty();
        run(Duration.ofSeconds(1));
        assertThat(of(UpsEvent.WakeFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("no answer after 3 magic packets"));
        assertThat(received).hasSize(3);
        run(Duration.ofSeconds(1));
        assertThat(of(UpsEvent.WakeFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.failed()).containsExactly("dead"));
    }

    @Test
    void hostsAlreadyUpAreSkipped() throws Exception {
        RecoveryPlanner p = planner(List.of(host("up", "00:00:00:00:00:02", 0, 1)), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5));
        assertThat(of(UpsEvent.HostAwake.class)).singleElement().satisfies(a -> assertThat(a.alreadyUp()).isTrue());
        assertThat(received).isEmpty();
    }

    @Test
    void aGroupStartsOnlyWhenThePreviousOneHasAnsweredEvenWithoutAGroupWait() throws Exception {
        RecoveryPlanner p = planner(List.of(host("hypervisor", "00:00:00:00:00:0b", 1, 2),
                host("storage", "00:00:00:00:00:0a", 2, 1)), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5));
        awaitPackets(1);
        assertThat(macs()).as("group 1 first, alone").containsExactly("0a");
        run(Duration.ofSeconds(60));
        awaitPackets(2);
        assertThat(macs()).as("storage needs a second packet; the hypervisor still waits").containsExactly("0a", "0a");
        run(Duration.ofSeconds(120));
        assertThat(macs()).as("storage answers at its check; group 2 starts at the next tick").hasSize(2);
        run(Duration.ofSeconds(1));
        awaitPackets(3);
        assertThat(macs()).as("storage answered: now group 2").containsExactly("0a", "0a", "0b");
    }

    @Test
    void groupWaitIsAPauseAfterThePreviousGroupHasAnswered() throws Exception {
        RecoveryPlanner p = planner(List.of(host("hypervisor", "00:00:00:00:00:0b", 1, 2),
                host("storage", "00:00:00:00:00:0a", 1, 1, Duration.ofSeconds(30))), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5));
        awaitPackets(1);
        run(Duration.ofSeconds(60)); // storage answers its check
        assertThat(of(UpsEvent.HostAwake.class)).extracting(UpsEvent.HostAwake::host).containsExactly("storage");
        run(Duration.ofSeconds(29));
        assertThat(macs()).containsExactly("0a");
        run(Duration.ofSeconds(1));
        awaitPackets(2);
        assertThat(macs()).containsExactly("0a", "0b");
    }

    @Test
    void aHostThatGivesUpLetsTheNextGroupStart() throws Exception {
        RecoveryPlanner p = planner(List.of(host("hypervisor", "00:00:00:00:00:0b", 1, 2),
                host("dead", "00:00:00:00:00:0a", 99, 1)), store());
        p.plan(ups, clock.instant());
        run(Duration.ofMinutes(5).plusSeconds(60 + 120 + 240 + 1));
        assertThat(of(UpsEvent.WakeFailed.class)).extracting(UpsEvent.WakeFailed::host).containsExactly("dead");
        awaitPackets(4);
        assertThat(macs()).containsExactly("0a", "0a", "0a", "0b");
    }

    @Test
    void retriesCarryOnThroughASettingsChange() throws Exception {
        RecoveryStore store = store();
        List<WakeHost> hosts = List.of(host("slow", "00:00:00:00:00:0a", 3, 1));
        RecoveryPlanner first = planner(hosts, store);
        first.plan(ups, clock.instant());
        run(Duration.ofMinutes(5));
        awaitPackets(1);
        first.close(); // a settings change: the site services are rebuilt on the same store
        planner(hosts, store);
        run(Duration.ofSeconds(60 + 120));
        awaitPackets(3);
        run(Duration.ofSeconds(240));
        assertThat(of(UpsEvent.WakeSent.class)).extracting(UpsEvent.WakeSent::attempt).containsExactly(1, 2, 3);
        assertThat(of(UpsEvent.HostAwake.class)).extracting(UpsEvent.HostAwake::host).containsExactly("slow");
    }

    @Test
    void retriesCarryOnThroughARestart() throws Exception {
        List<WakeHost> hosts = List.of(host("slow", "00:00:00:00:00:0a", 99, 1), host("later", "00:00:00:00:00:0b", 0, 2));
        RecoveryPlanner first = planner(hosts, store());
        first.plan(ups, clock.instant());
        run(Duration.ofMinutes(5).plusSeconds(60));
        awaitPackets(2);
        first.close();
        RecoveryPlanner restarted = planner(hosts, store()); // a new process reads the file
        run(Duration.ofSeconds(120));
        awaitPackets(3);
        run(Duration.ofSeconds(241));
        assertThat(of(UpsEvent.WakeSent.class)).extracting(UpsEvent.WakeSent::attempt).containsExactly(1, 2, 3);
        assertThat(of(UpsEvent.WakeFailed.class)).extracting(UpsEvent.WakeFailed::host).containsExactly("slow");
        assertThat(of(UpsEvent.HostAwake.class)).extracting(UpsEvent.HostAwake::host).containsExactly("later");
        assertThat(restarted.hosts()).hasSize(2);
    }

    @Test
    void aNewOutageCancelsEveryHostsWakeUpWithAnEventEach() throws Exception {
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 99, 1),
                host("pve", "00:11:22:33:44:66", 1, 2)), store());
        hub.update(ups, DeviceState.builder().set("ups.status", "OB DISCHRG").build());
        hub.update(ups, DeviceState.builder().set("ups.status", "OL CHRG").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> !of(UpsEvent.WakePlanned.class).isEmpty());
        run(Duration.ofMinutes(5));
        awaitPackets(1);
        hub.update(ups, DeviceState.builder().set("ups.status", "OB DISCHRG").build());
        await().atMost(Duration.ofSeconds(5)).until(() -> of(UpsEvent.WakeCancelled.class).size() == 2);
        assertThat(of(UpsEvent.WakeCancelled.class)).extracting(UpsEvent.WakeCancelled::host, UpsEvent.WakeCancelled::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nas", "power failed again"),
                        org.assertj.core.groups.Tuple.tuple("pve", "power failed again"));
        run(Duration.ofMinutes(10));
        assertThat(received).as("no packet after the cancel").hasSize(1);
        assertThat(store().plans()).isEmpty();
        assertThat(p.hosts()).hasSize(2);
    }

    @Test
    void aPendingWakeSurvivesARestart() throws Exception {
        planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), store()).plan(ups, clock.instant());
        run(Duration.ofMinutes(2));
        planners.get(0).close();
        planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1)), store());
        run(Duration.ofMinutes(3));
        awaitPackets(1);
    }

    @Test
    void manualWakeSendsAtOnceButNotToAHostThatAnswers() throws Exception {
        RecoveryPlanner p = planner(List.of(host("nas", "00:11:22:33:44:55", 1, 1), host("up", "00:11:22:33:44:66", 0, 1)),
                store());
        assertThat(p.wakeNow("nas", "admin")).hasValueSatisfying(w -> assertThat(w.sent()).isTrue());
        awaitPackets(1);
        assertThat(of(UpsEvent.WakeSent.class).get(0).by()).isEqualTo("admin");
        assertThat(p.wakeNow("up", "admin")).hasValueSatisfying(w -> {
            assertThat(w.sent()).isFalse();
            assertThat(w.reason()).isEqualTo("it already answers its probe (fake)");
        });
        Thread.sleep(200);
        assertThat(received).hasSize(1);
        assertThat(p.wakeNow("nope", "admin")).isEmpty();
    }
}
