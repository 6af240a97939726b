package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quorum, debounce, hysteresis and flaps, on a fake clock: one "round" is one second of probes. */
class GridDecisionTest {
    Instant t = Instant.parse("2026-11-21T10:00:00Z");
    final List<SensorTracker> sensors = new ArrayList<>();
    GridDecision grid;

    void setUp(int count, int quorum, int failRounds, Duration restoreAfter) {
        for (int i = 0; i < count; i++) {
            sensors.add(new SensorTracker("s" + i, "10.0.0." + i, failRounds, t));
        }
        grid = new GridDecision(quorum, restoreAfter, t);
    }

    /** One round: each sensor answers (true) or not (false); then the decision looks. */
    boolean round(boolean... answers) {
        t = t.plusSeconds(1);
        for (int i = 0; i < answers.length; i++) {
            sensors.get(i).record(answers[i] ? ProbeResult.up(Duration.ofMillis(1)) : ProbeResult.down("timeout"), t);
        }
        int up = (int) sensors.stream().filter(SensorTracker::up).count();
        int down = (int) sensors.stream().filter(SensorTracker::down).count();
        grid.update(up, down, sensors.size(), t);
        return grid.present();
    }

    @Test
    void allSentinelsDarkForThreeRoundsIsALoss() {
        setUp(3, 3, 3, Duration.ofSeconds(10));
        assertThat(round(true, true, true)).isTrue();
        assertThat(round(false, false, false)).as("one missed round").isTrue();
        assertThat(round(false, false, false)).as("two missed rounds").isTrue();
        assertThat(round(false, false, false)).as("three missed rounds: lost").isFalse();
        assertThat(grid.since()).isEqualTo(t);
    }

    @Test
    void oneLostRoundOfPingsIsNotAnOutage() {
        setUp(3, 3, 3, Duration.ofSeconds(10));
        round(true, true, true);
        round(false, false, false);
        assertThat(round(true, true, true)).isTrue();
        round(false, false, false);
        round(false, false, false);
        assertThat(round(true, true, true)).as("the count starts again after an answer").isTrue();
    }

    @Test
    void partialLossBelowQuorumIsNotAnOutage() {
        setUp(3, 3, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            assertThat(round(false, false, true)).isTrue();
        }
    }

    @Test
    void twoOfThreeQuorum() {
        setUp(3, 2, 3, Duration.ofSeconds(10));
        round(false, false, true);
        round(false, false, true);
        assertThat(round(false, false, true)).isFalse();
    }

    @Test
    void powerComesBackOnlyAfterTheHysteresis() {
        setUp(2, 2, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            round(false, false);
        }
        assertThat(grid.present()).isFalse();
        assertThat(round(true, true)).as("first good round").isFalse();
        for (int i = 1; i < 10; i++) {
            assertThat(round(true, true)).as("good for %d s", i).isFalse();
        }
        assertThat(round(true, true)).as("good for 10 s").isTrue();
    }

    @Test
    void aFlapDuringTheHysteresisStartsItAgain() {
        setUp(1, 1, 1, Duration.ofSeconds(10));
        round(false);
        for (int i = 0; i < 8; i++) {
            round(true);
        }
        round(false);
        for (int i = 0; i < 10; i++) {
            assertThat(round(true)).as("good for %d s after the flap", i).isFalse();
        }
        assertThat(round(true)).isTrue();
    }

    @Test
    void probesThatCannotRunDecideNothing() {
        setUp(2, 2, 1, Duration.ofSeconds(5));
        t = t.plusSeconds(1);
        for (SensorTracker s : sensors) {
            s.record(ProbeResult.error("ICMP needs root"), t);
        }
        grid.update(0, 0, 2, t);
        assertThat(grid.present()).as("unknown sensors keep the grid presumed present").isTrue();
        assertThat(sensors.get(0).state().lastError()).isEqualTo("ICMP needs root");
        assertThat(sensors.get(0).state().known()).isFalse();
    }

    @Test
    void afterARestartInAnOutageUnknownSensorsDoNotBringPowerBack() {
        setUp(2, 2, 3, Duration.ofSeconds(5));
        grid.restore(false, t.minusSeconds(600));
        for (int i = 0; i < 30; i++) {
            t = t.plusSeconds(1);
            grid.update(0, 0, 2, t);
        }
        assertThat(grid.present()).isFalse();
        assertThat(grid.since()).isEqualTo(Instant.parse("2026-11-21T09:50:00Z"));
    }
}
