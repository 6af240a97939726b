package io.gridwatch.driver.mains;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.power.BatterySettings;
import io.gridwatch.power.GridSettings;
import io.gridwatch.power.PowerModel;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.probe.Probe;
import io.gridwatch.probe.ProbeResult;
import io.gridwatch.testing.ManualClock;
import io.gridwatch.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * When sensors are probed, on simulated time: three sentinels at default settings (probe every 1 s, 800 ms
 * timeout, 3 failed probes, quorum all, 250 ms retry), each one a host that answers in 2 ms unless it is dark at
 * the moment the probe is sent (then the probe fails when its timeout runs out). The power model is the real
 * one; only the network is simulated.
 */
class ProberTest {
    static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
    static final Duration TIMEOUT = Duration.ofMillis(800);

    /** A host that is dark during the given spans, answering after {@code rtt} otherwise. */
    static final class Host implements Probe {
        final String name;
        final List<Instant[]> dark = new ArrayList<>();
        Duration rtt = Duration.ofMillis(2);
        Instant sentAt; // set by the simulated network before the probe runs

        Host(String name) {
            this.name = name;
        }

        boolean answers(Instant sent) {
            return dark.stream().noneMatch(d -> !sent.isBefore(d[0]) && sent.isBefore(d[1]));
        }

        void dark(Instant from, Instant to) {
            dark.add(new Instant[] {from, to});
        }

        @Override
        public ProbeResult probe(Duration timeout) {
            return answers(sentAt) ? ProbeResult.up(rtt) : ProbeResult.down("no echo reply within 800 ms");
        }

        @Override
        public String describe() {
            return "icmp " + name;
        }
    }

    /** The site: hosts, the real power model, the prober under test, the first time the grid counted as lost. */
    static final class Site {
        final ManualClock clock = new ManualClock(T0);
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final List<Host> hosts = new ArrayList<>();
        final PowerModel model;
        final Prober prober;
        Instant lost;
        int changes;

        Site(int quorum, Duration retry) {
            List<MainsSettings.Sensor> sensors = new ArrayList<>();
            List<PowerModel.Sensor> modelSensors = new ArrayList<>();
            for (String n : List.of("router", "switch", "camera")) {
                Host h = new Host(n);
                hosts.add(h);
                sensors.add(new MainsSettings.Sensor(n, h, Duration.ofSeconds(1), TIMEOUT));
                modelSensors.add(new PowerModel.Sensor(n, h.describe(), Duration.ofMillis(2800)));
            }
            GridSettings grid = new GridSettings(quorum, 3, Duration.ofSeconds(10), Duration.ofSeconds(1), TIMEOUT, retry);
            model = PowerModel.of(modelSensors, grid, BatterySettings.defaults(), new PowerStateStore.UpsState(null, null, null, null, null, null), T0);
            // the network: a probe's result arrives after the round trip, or when its timeout runs out
            Executor network = task -> {
                Prober.ProbeTask p = (Prober.ProbeTask) task;
                Host h = (Host) p.sensor().probe();
                Instant sent = clock.instant();
                scheduler.schedule(h.answers(sent) ? h.rtt : TIMEOUT, () -> {
                    h.sentAt = sent;
                    p.run();
                });
            };
            prober = new Prober(sensors, grid.retry(), grid.failRounds(), scheduler, network, new Prober.Model() {
                @Override
                public boolean record(int index, ProbeResult result, Instant at) {
                    boolean changed = model.record(index, result, at);
                    if (lost == null && !model.evaluate(at, false).gridPresent()) {
                        lost = at;
                    }
                    return changed;
                }

                @Override
                public boolean failing(int index) {
                    return model.failing(index);
                }

                @Override
                public boolean down(int index) {
                    return model.down(index);
                }
            }, () -> changes++);
            prober.start();
        }

        Site() {
            this(0, Duration.ofMillis(250));
        }

        long probes() {
            return prober.probesSent(0) + prober.probesSent(1) + prober.probesSent(2);
        }

        void advance(Duration d) {
            scheduler.advance(d);
        }
    }

    static Duration median(List<Duration> d) {
        List<Duration> s = d.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    static Duration max(List<Duration> d) {
        return d.stream().max(Duration::compareTo).orElseThrow();
    }

    @Test
    void whileEverySentinelAnswersEachIsProbedOncePerIntervalAsBefore() {
        Site site = new Site();
        site.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertThat(site.prober.probesSent(i)).as("probes of sentinel %d in 60 s", i).isBetween(60L, 61L);
        }
        assertThat(site.lost).isNull();
    }

    /** All three go dark at once (a grid failure), the cut at every phase of the probe interval. */
    @Test
    void aGridFailureIsSeenInTwoRetriesAndATimeoutAtAnyPhase() {
        List<Duration> latencies = new ArrayList<>();
        for (int phase = 0; phase < 1000; phase += 20) {
            Site site = new Site();
            site.advance(Duration.ofSeconds(10).plusMillis(phase));
            Instant cut = site.clock.instant();
            int before = site.changes;
            site.hosts.forEach(h -> h.dark(cut, cut.plusSeconds(3600)));
            site.advance(Duration.ofSeconds(10));
            assertThat(site.lost).as("phase %d ms", phase).isNotNull();
            latencies.add(Duration.between(cut, site.lost));
            assertThat(site.changes - before).as("each sentinel's change is published at once").isEqualTo(3);
        }
        // the floor: two retries and a timeout (1.3 s); the phase adds up to one interval
        assertThat(latencies).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(1300), Duration.ofMillis(2310)));
        assertThat(median(latencies)).isLessThanOrEqualTo(Duration.ofMillis(1850));
    }

    /** The same with the retry at the interval: the old pace, two intervals and a timeout (2.8 to 3.8 s). */
    @Test
    void withTheRetryAtTheIntervalDetectionTakesAsLongAsBefore() {
        List<Duration> latencies = new ArrayList<>();
        for (int phase = 0; phase < 1000; phase += 50) {
            Site site = new Site(0, Duration.ofSeconds(1));
            site.advance(Duration.ofSeconds(10).plusMillis(phase));
            Instant cut = site.clock.instant();
            site.hosts.forEach(h -> h.dark(cut, cut.plusSeconds(3600)));
            site.advance(Duration.ofSeconds(10));
            latencies.add(Duration.between(cut, site.lost));
        }
        assertThat(latencies).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(2800), Duration.ofMillis(3810)));
    }

    /**
     * As bench/detection-latency.sh does it: two sentinels dark, a wait of 0 to 1 s, then the third. Its first
     * failed probe comes sooner when the other two are still being counted (they put every sentinel in doubt).
     */
    @Test
    void staggeredCutsAsInTheBenchmark() {
        List<Duration> latencies = new ArrayList<>();
        for (int wait = 0; wait < 1000; wait += 50) {
            for (int phase = 0; phase < 1000; phase += 100) {
                Site site = new Site();
                site.advance(Duration.ofSeconds(10).plusMillis(phase));
                Instant first = site.clock.instant();
                site.hosts.get(0).dark(first, first.plusSeconds(3600));
                site.hosts.get(1).dark(first, first.plusSeconds(3600));
                site.advance(Duration.ofMillis(wait));
                Instant last = site.clock.instant();
                site.hosts.get(2).dark(last, last.plusSeconds(3600));
                site.advance(Duration.ofSeconds(10));
                latencies.add(Duration.between(last, site.lost));
            }
        }
        assertThat(max(latencies)).isLessThanOrEqualTo(Duration.ofMillis(2310));
        assertThat(median(latencies)).isLessThanOrEqualTo(Duration.ofMillis(1800));
    }

    /** Of 100 blips of all three sentinels lasting {@code ms}, at phases 10 ms apart: how many were taken for an outage. */
    static int outagesFromBlips(int ms, Duration retry) {
        int outages = 0;
        for (int phase = 0; phase < 1000; phase += 10) {
            Site site = new Site(0, retry);
            site.advance(Duration.ofSeconds(10).plusMillis(phase));
            Instant from = site.clock.instant();
            site.hosts.forEach(h -> h.dark(from, from.plusMillis(ms)));
            site.advance(Duration.ofSeconds(20));
            outages += site.lost != null ? 1 : 0;
        }
        return outages;
    }

    /**
     * The debounce keeps its meaning: three failed probes in a row, and a probe that answers outranks the older
     * ones still waiting for their timeouts (it was sent after them). So a blip must last until the probes sent
     * while the first three are still out fail too: at least two retries and a timeout past its first failed
     * probe, about 1.05 s. Shorter ones are no outage at any phase; at the old pace (retry at the interval) the
     * bound was 2 s, which is what faster detection costs.
     */
    @Test
    void aBlipShorterThanTheDebounceIsNoOutage() {
        assertThat(outagesFromBlips(1000, Duration.ofMillis(250))).as("1 s blips taken for outages").isZero();
        assertThat(outagesFromBlips(1500, Duration.ofMillis(250))).as("1.5 s blips taken for outages, of 100")
                .isBetween(1, 99);
        assertThat(outagesFromBlips(1500, Duration.ofSeconds(1))).as("the same at the old pace").isZero();
        assertThat(outagesFromBlips(2100, Duration.ofSeconds(1))).as("2.1 s blips at the old pace").isBetween(1, 99);
    }

    /** A sentinel that stays dark (quorum 2 of 3) is probed at its interval, not the retry: no lasting extra traffic. */
    @Test
    void aSentinelThatStaysDarkIsBackToItsInterval() {
        Site site = new Site(2, Duration.ofMillis(250));
        site.advance(Duration.ofSeconds(5));
        Instant cut = site.clock.instant();
        site.hosts.get(0).dark(cut, cut.plusSeconds(3600));
        site.advance(Duration.ofSeconds(5));
        assertThat(site.model.down(0)).isTrue();
        long before = site.probes();
        site.advance(Duration.ofSeconds(60));
        assertThat(site.probes() - before).as("probes of the three in 60 s").isBetween(179L, 183L);
        assertThat(site.lost).as("one of three dark, quorum 2: no outage").isNull();
    }

    /** A sentinel on a slow link (400 ms replies, under the 800 ms timeout) is no doubt: nobody is probed faster. */
    @Test
    void aSlowLinkIsNotFailing() {
        Site site = new Site();
        site.hosts.forEach(h -> h.rtt = Duration.ofMillis(400));
        site.advance(Duration.ofSeconds(60));
        // the very first probes, before any round trip is known, may start one early round each
        assertThat(site.probes()).isBetween(180L, 186L);
        assertThat(site.lost).isNull();
    }

    /** An outage at default settings is seen by every sentinel's third failed probe, each with its full timeout. */
    @Test
    void everyFailedProbeWaitedItsFullTimeout() {
        Site site = new Site();
        site.advance(Duration.ofMillis(10_300));
        Instant cut = site.clock.instant();
        site.hosts.forEach(h -> h.dark(cut, cut.plusSeconds(3600)));
        site.advance(Duration.ofSeconds(10));
        // the third failed probe was sent two retries after the first, and failed a full timeout later
        assertThat(Duration.between(cut, site.lost)).isEqualTo(Duration.ofMillis(700 + 500 + 800));
    }
}
