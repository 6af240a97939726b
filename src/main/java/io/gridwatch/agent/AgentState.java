package io.gridwatch.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the {@link PowerStateMachine} remembers between inputs. Immutable; each step returns a new one.
 *
 * @param ups           per monitored UPS (by its {@code ups@host[:port]} id)
 * @param pendingSince  when the fed supplies fell below MINSUPPLIES (the seed's countdown runs from here); null
 * @param powerBackSince while a countdown runs: since when power has read on line without a break (the countdown
 *                      stops once that lasts {@code policy.restore_after}); null
 * @param hostsyncUntil during HOSTSYNC: the latest moment to stop waiting for secondaries
 * @param logins        during HOSTSYNC: the last NUMLOGINS per primary UPS
 * @param timers        running timers: name to expiry
 * @param reported      the last report sent
 */
public record AgentState(Map<String, Ups> ups, Phase phase, Instant pendingSince, Instant powerBackSince,
                         Instant hostsyncUntil,
                         Map<String, Integer> logins, String shutdownReason, Duration hubDelay, Boolean hubIgnoreDrills,
                         Map<String, Instant> timers, AgentReport reported) {

    public AgentState {
        ups = Map.copyOf(ups);
        logins = Map.copyOf(logins);
        timers = Map.copyOf(timers);
    }

    /** Watching; waiting for secondaries to log out (primary); shutting down (nothing more happens). */
    public enum Phase { WATCHING, HOSTSYNC, SHUTTING_DOWN }

    /**
     * One UPS as last seen. {@code flags} are as the server sent them; {@code simulated} marks a drill.
     *
     * @param known          it has answered at least once
     * @param lastOnBattery  the last answer said OB (DEADTIME applies when it then goes silent)
     * @param obLbSince      since when it has been OB and LB (OBLBDURATION), or null
     * @param commLostAt     since when it has not answered, or null while it does
     * @param nextNocomm     when the next NOCOMM is due while it does not answer
     * @param nextReplbatt   when the next REPLBATT is due while it reports RB
     */
    public record Ups(boolean known, Set<String> flags, Integer charge, Integer runtime, boolean simulated,
                      Instant lastSeen, boolean lastOnBattery, Instant obLbSince, Instant commLostAt,
                      Instant nextNocomm, Instant nextReplbatt) {
        public Ups {
            flags = Set.copyOf(flags);
        }

        boolean commOk() {
            return commLostAt == null;
        }
    }
}
