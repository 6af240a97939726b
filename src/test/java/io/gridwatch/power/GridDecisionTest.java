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
            sensors.add(new SensorTracker("s" + i, "10.0.0." + i, failRounds, Duration.ofMillis(2800), t));
        }
        grid = new GridDecision(quorum, restoreAfter, t);
    }

    /** One round: each sensor answers (true) or not (false); then the decision looks. */
    boolean round(boolean... answers) {
        t = t.plusSeconds(1);
        for (int i = 0; i < answers.length; i++) {
            sensors.get(i).record(answers[i] ? ProbeResult.up(Duration.ofMillis(1)) : ProbeResult.down("timeout"), t);
        }
        grid.update(sensors, t);
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
        grid.update(sensors, t);
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
            grid.update(sensors, t);
        }
        assertThat(grid.present()).isFalse();
        assertThat(grid.since()).isEqualTo(Instant.parse("2026-11-21T09:50:00Z"));
    }

    /**
     * The grid flapping as in the field: every sentinel dark for {@code dark} s, then back for {@code back} s,
     * {@code cycles} times, probed once a second. Returns the seconds (from the start) at which power was declared
     * back.
     */
    List<Integer> flap(int dark, int back, int cycles) {
        List<Integer> restores = new ArrayList<>();
        int second = 0;
        round(true, true, true);
        for (int c = 0; c < cycles; c++) {
            for (int i = 0; i < dark; i++) {
                second++;
                round(false, false, false);
            }
            for (int i = 0; i < back; i++) {
                second++;
                boolean was = grid.present();
                if (round(true, true, true) && !was) {
                    restores.add(second);
                }
            }
        }
        return restores;
    }

    @Test
    void aGridDark6sBack8sSixTimesNeverReadsAsPowerBack() {
        setUp(3, 3, 3, Duration.ofSeconds(10));
        List<Integer> restores = flap(6, 8, 6);
        assertThat(grid.present()).as("still on battery after the last back phase").isFalse();
        assertThat(restores).as("power never counted as back: 8 s of answers is less than restore_after").isEmpty();
    }

    @Test
    void aGridDark6sBack12sComesBackOncePerCycleAfterTenSecondsOfAnswers() {
        setUp(3, 3, 3, Duration.ofSeconds(10));
        List<Integer> restores = flap(6, 12, 6);
        // cycle c's back phase starts at second 18c + 7 (its first answer); power is back 10 s later
        List<Integer> expected = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            expected.add(18 * c + 6 + 1 + 10);
        }
        assertThat(restores).isEqualTo(expected);
    }

    /** All three dark, then back; s0 misses one probe 5 s into the wait. */
    void outageThenOneMissedProbe() {
        round(true, true, true);
        for (int i = 0; i < 3; i++) {
            round(false, false, false);
        }
        assertThat(grid.present()).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThat(round(true, true, true)).isFalse();
        }
        assertThat(round(false, true, true)).as("s0 misses a probe").isFalse();
    }

    @Test
    void aSentinelThatMissesOneProbeRestartsItsOwnWaitWhileTheOthersStillCount() {
        setUp(3, 3, 3, Duration.ofSeconds(10)); // quorum all: one sentinel answering 10 s ends the outage
        outageThenOneMissedProbe();
        for (int i = 0; i < 4; i++) {
            assertThat(round(true, true, true)).isFalse();
        }
        assertThat(round(true, true, true)).as("s1 and s2 have answered every probe for 10 s").isTrue();
        assertThat(sensors.get(0).steadyFor(Duration.ofSeconds(10), t)).as("s0's own wait started again").isFalse();
        assertThat(sensors.get(0).state().answeringSince()).isEqualTo(t.minusSeconds(4));
    }

    @Test
    void withQuorumOneEverySentinelMustAnswerTheWholeWindow() {
        setUp(3, 1, 3, Duration.ofSeconds(10)); // any one dark is an outage: all three must be steady
        outageThenOneMissedProbe();
        for (int i = 0; i < 10; i++) {
            assertThat(round(true, true, true)).as("s0 back for %d s", i + 1).isFalse();
        }
        assertThat(round(true, true, true)).as("s0 has answered 10 s too").isTrue();
    }

    @Test
    void aProbeThatCannotRunBreaksTheRunOfAnswers() {
        setUp(1, 1, 1, Duration.ofSeconds(5));
        round(false);
        round(true);
        round(true);
        t = t.plusSeconds(1);
        sensors.get(0).record(ProbeResult.error("ping: not found"), t);
        grid.update(sensors, t);
        for (int i = 0; i < 5; i++) {
            assertThat(round(true)).as("answering for %d s since the failed probe", i).isFalse();
        }
        assertThat(round(true)).as("5 s of answers after the failed probe").isTrue();
    }

    @Test
    void probesThatStopRunningDoNotCountAsAnswering() {
        setUp(1, 1, 1, Duration.ofSeconds(5));
        round(false);
        round(true);
        t = t.plusSeconds(20); // no reading for 20 s (probes could not run)
        grid.update(sensors, t);
        assertThat(grid.present()).as("a silent sensor is not an answering one").isFalse();
        assertThat(round(true)).as("the first answer after the gap starts a new run").isFalse();
        for (int i = 0; i < 4; i++) {
            round(true);
        }
        assertThat(round(true)).isTrue();
    }
}
