package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The agent's decisions, scenario by scenario, on a fake clock: nothing sleeps, every moment is chosen. Each
 * scenario feeds readings at given seconds and checks what the machine asked for and when.
 */
class PowerStateMachineTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    /** A scenario runner: the machine, its state, the clock, and every action with the second it came at. */
    static final class Run {
        final PowerStateMachine machine;
        AgentState state;
        Instant now = T0;
        final List<String> log = new ArrayList<>();

        Run(String yaml) throws Exception {
            AgentConfig c = AgentConfigLoader.parse(yaml, Path.of("agent.yaml"), Path.of("."));
            machine = new PowerStateMachine(c);
            state = machine.initial(now);
        }

        Run at(long second) {
            now = T0.plusSeconds(second);
            return feed(new AgentInput.Tick());
        }

        Run status(long second, String ups, String flags) {
            return status(second, ups, flags, null, null, false);
        }

        Run status(long second, String ups, String flags, Integer charge, Integer runtime, boolean simulated) {
            now = T0.plusSeconds(second);
            return feed(new AgentInput.Status(ups, Set.of(flags.split(" ")), charge, runtime, simulated));
        }

        Run lost(long second, String ups) {
            now = T0.plusSeconds(second);
            return feed(new AgentInput.CommLost(ups, "connection refused"));
        }

        Run feed(AgentInput in) {
            PowerStateMachine.Step s = machine.step(state, in, now);
            state = s.state();
            long sec = Duration.between(T0, now).toSeconds();
            for (AgentAction a : s.actions()) {
                log.add(sec + " " + describe(a));
            }
            return this;
        }

        static String describe(AgentAction a) {
            return switch (a) {
                case AgentAction.Notify n -> n.type() + (n.ups() == null ? "" : " " + n.ups());
                case AgentAction.SetFsd f -> "SETFSD " + f.ups();
                case AgentAction.CountLogins c -> "COUNT " + c.ups();
                case AgentAction.Report r -> "REPORT " + r.report().status()
                        + (r.report().remainingSeconds() == null ? "" : " " + r.report().remainingSeconds());
                case AgentAction.RunTimer t -> "TIMER " + t.timer();
                case AgentAction.Shutdown s -> "SHUTDOWN-COMMAND after " + Duration.between(T0, s.notBefore()).toSeconds()
                        + (s.powerCycle().isEmpty() ? "" : " power-cycle " + String.join(",", s.powerCycle()));
            };
        }

        List<String> shutdowns() {
            return log.stream().filter(l -> l.contains("SHUTDOWN-COMMAND")).toList();
        }
    }

    static final String ONE = """
            monitor:
              rack: { ups: rack@nut.example:3493 }
            """;

    static String withDelay(String delay) {
        return ONE + "policy: { shutdown_delay: " + delay + " }\n";
    }

    @Test
    void shortBlipDoesNothingButNotify() throws Exception {
        Run r = new Run(ONE).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB DISCHRG")
                .status(12, "rack@nut.example", "OL CHRG").at(60);
        assertThat(r.log).containsExactly("0 REPORT online", "10 ONBATT rack@nut.example", "12 ONLINE rack@nut.example");
    }

    @Test
    void longOutageWithoutDelayWaitsForLowBattery() throws Exception {
        Run r = new Run(ONE).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB")
                .status(1000, "rack@nut.example", "OB");
        assertThat(r.shutdowns()).isEmpty();
        r.status(1200, "rack@nut.example", "OB LB");
        assertThat(r.log).contains("1200 LOWBATT rack@nut.example", "1200 SHUTDOWN", "1200 REPORT shutting_down",
                "1200 SHUTDOWN-COMMAND after 1205");
    }

    @Test
    void delayCountsDownAndShutsDownWhenItRunsOut() throws Exception {
        Run r = new Run(withDelay("2m")).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB");
        assertThat(r.log).contains("10 REPORT shutdown_pending 120");
        assertThat(r.machine.report(r.state, T0.plusSeconds(70)).remainingSeconds()).isEqualTo(60);
        r.at(129);
        assertThat(r.shutdowns()).isEmpty();
        r.at(130);
        assertThat(r.shutdowns()).containsExactly("130 SHUTDOWN-COMMAND after 135");
    }

    @Test
    void delayIsCancelledWhenPowerReturnsFirst() throws Exception {
        Run r = new Run(withDelay("2m")).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB")
                .status(100, "rack@nut.example", "OL").at(109);
        assertThat(r.log).as("on line for 9 s: the countdown still runs (restore_after 10s)")
                .containsSubsequence("10 REPORT shutdown_pending 120", "100 ONLINE rack@nut.example")
                .doesNotContain("100 REPORT online");
        r.at(110).at(500);
        assertThat(r.log).contains("110 REPORT online");
        assertThat(r.shutdowns()).isEmpty();
        r.status(600, "rack@nut.example", "OB");
        assertThat(r.log).as("a new outage starts a new countdown").contains("600 REPORT shutdown_pending 120");
    }

    /** The field report: dark 6 s, back 8 s, six times; an upsd that passes such OL moments on as they come. */
    @Test
    void aUpsFlappingBackToOnLineForMomentsDoesNotResetTheCountdown() throws Exception {
        Run r = new Run(withDelay("45s")).status(0, "rack@nut.example", "OL");
        for (long second = 1; second <= 84; second++) { // polled once a second
            boolean dark = (second - 1) % 14 < 6;
            r.status(second, "rack@nut.example", dark ? "OB DISCHRG" : "OL CHRG");
        }
        assertThat(r.shutdowns()).as("the countdown started at 1 s and ran out at 46 s")
                .containsExactly("46 SHUTDOWN-COMMAND after 51");
        assertThat(r.log).doesNotContain("7 REPORT online", "21 REPORT online");
        assertThat(r.log.stream().filter(l -> l.contains("SHUTDOWN") && !l.contains("COMMAND")).toList())
                .containsExactly("46 SHUTDOWN");
        assertThat(r.state.shutdownReason()).isEqualTo("on battery for 45 s (this host's shutdown delay)");
    }

    @Test
    void aCountdownThatRunsOutWhilePowerIsNotConfirmedBackShutsDown() throws Exception {
        Run r = new Run(withDelay("45s")).status(0, "rack@nut.example", "OL").status(1, "rack@nut.example", "OB");
        for (long second = 40; second <= 46; second++) {
            r.status(second, "rack@nut.example", "OL CHRG");
        }
        assertThat(r.shutdowns()).containsExactly("46 SHUTDOWN-COMMAND after 51");
        assertThat(r.state.shutdownReason()).isEqualTo("the shutdown delay (45 s) ran out before power had been "
                + "back for 10 s");
    }

    @Test
    void restoreAfterZeroLetsTheFirstOnLineStopTheCountdown() throws Exception {
        Run r = new Run(ONE + "policy: { shutdown_delay: 45s, restore_after: 0s }\n")
                .status(0, "rack@nut.example", "OL").status(1, "rack@nut.example", "OB")
                .status(7, "rack@nut.example", "OL").status(9, "rack@nut.example", "OB").at(47);
        assertThat(r.log).contains("7 REPORT online", "9 REPORT shutdown_pending 45");
        assertThat(r.shutdowns()).as("the countdown started again at 9 s").isEmpty();
        r.at(54);
        assertThat(r.shutdowns()).containsExactly("54 SHUTDOWN-COMMAND after 59");
    }

    @Test
    void delayZeroShutsDownAtOnce() throws Exception {
        Run r = new Run(withDelay("0s")).status(0, "rack@nut.example", "OL").status(5, "rack@nut.example", "OB");
        assertThat(r.shutdowns()).containsExactly("5 SHUTDOWN-COMMAND after 10");
    }

    @Test
    void lowBatteryBeforeTheDelayRunsOutShutsDownAtOnce() throws Exception {
        Run r = new Run(withDelay("10m")).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB")
                .status(60, "rack@nut.example", "OB LB");
        assertThat(r.shutdowns()).containsExactly("60 SHUTDOWN-COMMAND after 65");
    }

    @Test
    void obLbDurationDebouncesLowBattery() throws Exception {
        Run r = new Run(ONE + "ob_lb_duration: 10s\n").status(0, "rack@nut.example", "OL")
                .status(5, "rack@nut.example", "OB LB").status(9, "rack@nut.example", "OL");
        assertThat(r.shutdowns()).as("a 4 s OB LB blip").isEmpty();
        r.status(20, "rack@nut.example", "OB LB").at(29);
        assertThat(r.shutdowns()).isEmpty();
        r.at(30);
        assertThat(r.shutdowns()).containsExactly("30 SHUTDOWN-COMMAND after 35");
    }

    @Test
    void chargeAndRuntimeFloors() throws Exception {
        String yaml = ONE + "policy: { min_charge: 40, min_runtime: 5m }\n";
        Run charge = new Run(yaml).status(0, "rack@nut.example", "OL", 100, 3000, false)
                .status(10, "rack@nut.example", "OB", 45, 2000, false);
        assertThat(charge.shutdowns()).isEmpty();
        charge.status(20, "rack@nut.example", "OB", 39, 2000, false);
        assertThat(charge.shutdowns()).containsExactly("20 SHUTDOWN-COMMAND after 25");
        Run runtime = new Run(yaml).status(0, "rack@nut.example", "OB", 90, 301, false);
        assertThat(runtime.shutdowns()).isEmpty();
        runtime.status(10, "rack@nut.example", "OB", 90, 299, false);
        assertThat(runtime.shutdowns()).containsExactly("10 SHUTDOWN-COMMAND after 15");
        Run onLine = new Run(yaml).status(0, "rack@nut.example", "OL CHRG", 10, 60, false);
        assertThat(onLine.shutdowns()).as("floors apply on battery only").isEmpty();
    }

    @Test
    void fsdFromThePrimaryShutsASecondaryDown() throws Exception {
        Run r = new Run(withDelay("30m")).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB")
                .status(15, "rack@nut.example", "FSD OB");
        assertThat(r.log).containsSubsequence("15 FSD rack@nut.example", "15 SHUTDOWN", "15 SHUTDOWN-COMMAND after 20");
        assertThat(r.log).noneMatch(l -> l.contains("SETFSD"));
    }

    @Test
    void commLossWhileOnLineIsOnlyAWarning() throws Exception {
        Run r = new Run(ONE + "nocomm_warn: 60s\n").status(0, "rack@nut.example", "OL").lost(5, "rack@nut.example")
                .at(64).at(65).at(124).at(125).at(126);
        assertThat(r.log).containsSubsequence("5 COMMBAD rack@nut.example", "65 NOCOMM rack@nut.example",
                "125 NOCOMM rack@nut.example");
        assertThat(r.shutdowns()).isEmpty();
        r.status(301, "rack@nut.example", "OL");
        assertThat(r.log).contains("301 COMMOK rack@nut.example");
    }

    @Test
    void aUpsNeverReachedIsReportedUnavailableButDoesNotShutDown() throws Exception {
        Run r = new Run(ONE + "nocomm_warn: 60s\n").lost(0, "rack@nut.example").at(59).at(60);
        assertThat(r.log).containsExactly("0 REPORT online", "60 NOCOMM rack@nut.example");
        r.status(61, "rack@nut.example", "OL");
        assertThat(r.log).as("first contact: no COMMOK, as upsmon").hasSize(2);
    }

    @Test
    void commLossWhileOnBatteryIsCriticalAfterDeadtime() throws Exception {
        // DEADTIME runs from the last answer (second 0), not from the failure
        Run r = new Run(ONE + "deadtime: 15s\n").status(0, "rack@nut.example", "OB").lost(2, "rack@nut.example")
                .at(14);
        assertThat(r.shutdowns()).isEmpty();
        r.at(15);
        assertThat(r.shutdowns()).containsExactly("15 SHUTDOWN-COMMAND after 20");
    }

    @Test
    void minSuppliesWithTwoUpses() throws Exception {
        String yaml = """
                monitor:
                  a: { ups: a@psu1 }
                  b: { ups: b@psu2 }
                min_supplies: 1
                policy: { shutdown_delay: 1m }
                """;
        Run r = new Run(yaml).status(0, "a@psu1", "OL").status(0, "b@psu2", "OL")
                .status(10, "a@psu1", "OB").status(11, "a@psu1", "OB LB").at(200);
        assertThat(r.shutdowns()).as("b still feeds the machine: no countdown, no shutdown").isEmpty();
        assertThat(r.log).noneMatch(l -> l.contains("shutdown_pending"));
        r.status(300, "b@psu2", "OB");
        assertThat(r.log).contains("300 REPORT shutdown_pending 60");
        r.status(301, "b@psu2", "OB LB");
        assertThat(r.shutdowns()).containsExactly("301 SHUTDOWN-COMMAND after 306");
    }

    @Test
    void aHostThatIgnoresDrillsIgnoresSimulatedOutagesButNotRealOnes() throws Exception {
        String yaml = withDelay("0s").replace("shutdown_delay: 0s", "shutdown_delay: 0s, ignore_drills: true");
        Run r = new Run(yaml).status(0, "rack@nut.example", "OL").status(5, "rack@nut.example", "OB LB", 10, 60, true);
        assertThat(r.log).containsExactly("0 REPORT online");
        r.status(10, "rack@nut.example", "OL", 100, 3000, false).status(20, "rack@nut.example", "OB", 100, 3000, false);
        assertThat(r.shutdowns()).containsExactly("20 SHUTDOWN-COMMAND after 25");
        Run other = new Run(withDelay("0s")).status(0, "rack@nut.example", "OL")
                .status(5, "rack@nut.example", "OB", 100, 3000, true);
        assertThat(other.shutdowns()).as("a host that does not ignore drills takes part").hasSize(1);
    }

    @Test
    void theHubsSettingsWin() throws Exception {
        Run r = new Run(withDelay("30m")).status(0, "rack@nut.example", "OL");
        r.feed(new AgentInput.HubSettings(Duration.ofMinutes(2), false)).status(10, "rack@nut.example", "OB");
        assertThat(r.log).contains("10 REPORT shutdown_pending 120");
    }

    static final String PRIMARY = """
            monitor:
              rack: { ups: rack@nut.example, user: upsmon, password: pw, role: primary }
            hostsync: 15s
            """;

    @Test
    void primarySetsFsdAndWaitsForSecondariesToLogOut() throws Exception {
        Run r = new Run(PRIMARY).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB LB");
        assertThat(r.log).contains("10 SETFSD rack@nut.example", "10 COUNT rack@nut.example", "10 REPORT shutting_down");
        assertThat(r.shutdowns()).isEmpty();
        r.feed(new AgentInput.Logins("rack@nut.example", 3)).at(12);
        assertThat(r.shutdowns()).as("two secondaries still logged in").isEmpty();
        r.feed(new AgentInput.Logins("rack@nut.example", 1)).at(13);
        assertThat(r.shutdowns()).containsExactly("12 SHUTDOWN-COMMAND after 17 power-cycle rack@nut.example");
    }

    @Test
    void onlyAPrimaryInARealOutageAsksTheUpsToCycleItsPower() throws Exception {
        Run drill = new Run(PRIMARY).status(0, "rack@nut.example", "OL")
                .status(10, "rack@nut.example", "OB LB", 8, 60, true).feed(new AgentInput.Logins("rack@nut.example", 1))
                .at(11);
        assertThat(drill.shutdowns()).as("a drill: the machine shuts down, the UPS is asked nothing")
                .containsExactly("10 SHUTDOWN-COMMAND after 15");
        Run secondary = new Run(ONE).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB LB");
        assertThat(secondary.shutdowns()).as("a secondary never asks").containsExactly("10 SHUTDOWN-COMMAND after 15");
        Run lost = new Run(PRIMARY).status(0, "rack@nut.example", "OL").status(5, "rack@nut.example", "OB")
                .lost(10, "rack@nut.example").at(400);
        assertThat(lost.shutdowns()).as("on battery and out of contact: down, with nothing to ask through").hasSize(1)
                .noneMatch(l -> l.contains("power-cycle"));
    }

    @Test
    void primaryGivesUpWaitingAfterHostsync() throws Exception {
        Run r = new Run(PRIMARY).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB LB");
        r.feed(new AgentInput.Logins("rack@nut.example", 2)).at(24);
        assertThat(r.shutdowns()).isEmpty();
        r.at(25);
        assertThat(r.shutdowns()).containsExactly("25 SHUTDOWN-COMMAND after 30 power-cycle rack@nut.example");
    }

    @Test
    void onceShuttingDownNothingCallsItBack() throws Exception {
        Run r = new Run(withDelay("0s")).status(0, "rack@nut.example", "OB").status(5, "rack@nut.example", "OL").at(10);
        assertThat(r.shutdowns()).hasSize(1);
        assertThat(r.log).noneMatch(l -> l.startsWith("5 ") || l.startsWith("10 "));
    }

    @Test
    void notificationsForFlagsAndRepeatedBatteryWarnings() throws Exception {
        Run r = new Run(ONE + "replbatt_warn: 1h\n").status(0, "rack@nut.example", "OL")
                .status(1, "rack@nut.example", "OL RB").status(2, "rack@nut.example", "OL RB CAL")
                .status(3, "rack@nut.example", "OL RB").status(4, "rack@nut.example", "OL RB BYPASS")
                .status(5, "rack@nut.example", "OL RB").at(3601);
        assertThat(r.log).containsExactly("0 REPORT online", "1 REPLBATT rack@nut.example", "2 CAL rack@nut.example",
                "3 NOTCAL rack@nut.example", "4 BYPASS rack@nut.example", "5 NOTBYPASS rack@nut.example",
                "3601 REPLBATT rack@nut.example");
    }

    @Test
    void timersStartCancelAndRun() throws Exception {
        String yaml = ONE + """
                timers:
                  onbatt_wait: { start_on: [ONBATT], cancel_on: [ONLINE], after: 30s, command: ["/bin/true"] }
                """;
        Run r = new Run(yaml).status(0, "rack@nut.example", "OL").status(10, "rack@nut.example", "OB")
                .status(20, "rack@nut.example", "OL").at(60);
        assertThat(r.log).noneMatch(l -> l.contains("TIMER"));
        r.status(100, "rack@nut.example", "OB").at(129);
        assertThat(r.log).noneMatch(l -> l.contains("TIMER"));
        r.at(130);
        assertThat(r.log).contains("130 TIMER onbatt_wait");
    }
}
