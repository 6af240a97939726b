package io.gridwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.testing.Netns;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both ways of sending an echo against real hosts: loopback, and a namespace host whose link the test cuts.
 * The JVM's own echo needs root or CAP_NET_RAW; the system ping does not (it uses the kernel's unprivileged ping
 * sockets or its own capability).
 */
class IcmpProbeTest {
    @ParameterizedTest
    @EnumSource(value = IcmpProbe.Method.class, names = {"JVM", "PING_COMMAND"})
    void loopbackAnswers(IcmpProbe.Method method) {
        assumeUsable(method);
        ProbeResult r = new IcmpProbe("127.0.0.1", method).probe(Duration.ofSeconds(1));
        assertThat(r.outcome()).as(r.detail()).isEqualTo(ProbeResult.Outcome.UP);
        if (method == IcmpProbe.Method.PING_COMMAND) {
            assertThat(r.rtt()).as("round-trip time read from ping's output").isNotNull().isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IcmpProbe.Method.class, names = {"JVM", "PING_COMMAND"})
    void aHostWhoseLinkIsCutIsDownAndComesBack(IcmpProbe.Method method) throws Exception {
        assumeUsable(method);
        Optional<String> why = Netns.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        try (Netns hosts = Netns.create(1)) {
            IcmpProbe p = new IcmpProbe(hosts.address(0), method);
            assertThat(p.probe(Duration.ofSeconds(1)).outcome()).isEqualTo(ProbeResult.Outcome.UP);
            hosts.down(0);
            ProbeResult dark = p.probe(Duration.ofMillis(500));
            assertThat(dark.outcome()).isEqualTo(ProbeResult.Outcome.DOWN);
            assertThat(dark.detail()).startsWith("no echo reply within");
            hosts.up(0);
            // The link takes a moment to come back and the first ARP exchange after it can be lost, so the
            // host counts as back once one of the next few probes gets its reply (as restore_after does).
            await().atMost(Duration.ofSeconds(8)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> p.probe(Duration.ofSeconds(1)).outcome() == ProbeResult.Outcome.UP);
        }
    }

    @Test
    void withoutAnyWayToSendEchoesTheResultIsAnErrorNotAnOutage() {
        ProbeResult r = new IcmpProbe("127.0.0.1", IcmpProbe.Method.NONE).probe(Duration.ofSeconds(1));
        assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.ERROR);
        assertThat(r.detail()).contains("CAP_NET_RAW", "iputils-ping", "tcp or http probe");
    }

    @Test
    void detectionPrefersTheJvmWhenAllowed() {
        IcmpProbe.Method m = IcmpProbe.detect();
        assertThat(m).isEqualTo(IcmpProbe.rawSocketsAllowed() ? IcmpProbe.Method.JVM : IcmpProbe.Method.PING_COMMAND);
    }

    private static void assumeUsable(IcmpProbe.Method method) {
        if (method == IcmpProbe.Method.JVM) {
            assumeTrue(IcmpProbe.rawSocketsAllowed(), "skipped: the JVM's echo needs root or CAP_NET_RAW");
        } else {
            assumeTrue(IcmpProbe.pingInstalled(), "skipped: no ping program (iputils-ping)");
        }
    }
}
