package io.gridwatch.agent;

import java.time.Instant;
import java.util.List;

/** What the {@link PowerStateMachine} asks its runtime to do. The machine does nothing itself. */
public sealed interface AgentAction {
    /** Log the notification and run NOTIFYCMD (the timers have already seen it). */
    record Notify(UpsmonNotify type, String ups, String message) implements AgentAction {
    }

    /** Primary only: set FSD on this UPS ({@code FSD ups}), so that every secondary shuts down. */
    record SetFsd(String ups) implements AgentAction {
    }

    /** Ask the server how many clients are logged in to this UPS (NUMLOGINS), during HOSTSYNC. */
    record CountLogins(String ups) implements AgentAction {
    }

    /** Tell the hub what this machine is doing. */
    record Report(AgentReport report) implements AgentAction {
    }

    /** An upssched-style timer ran out: run its command. */
    record RunTimer(String timer, String ups, List<String> command) implements AgentAction {
    }

    /**
     * Run the pre-shutdown hooks, then, not before {@code notBefore} (FINALDELAY), ask each UPS of
     * {@code powerCycle} to cut its output after its delay and bring it back when the grid returns (upsmon's
     * POWERDOWNFLAG step: machines then come back when power does), then the shutdown command.
     *
     * @param powerCycle the monitors (ids) this machine is primary for whose UPS is on battery for real (never in a
     *                   drill); each is asked only if no other client is still logged in to it
     */
    record Shutdown(String reason, Instant notBefore, List<String> powerCycle) implements AgentAction {
        public Shutdown {
            powerCycle = List.copyOf(powerCycle);
        }

        public Shutdown(String reason, Instant notBefore) {
            this(reason, notBefore, List.of());
        }
    }
}
