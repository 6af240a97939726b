package io.gridwatch.hub;

import java.time.Duration;
import java.time.Instant;

/**
 * The last thing known about one protected machine: what it reported (online, a shutdown countdown, shutting
 * down) or what the server did to it (magic packet sent, awake, wake failed), and when. {@link #age} and the
 * callers' thresholds tell stale from fresh. Immutable.
 *
 * @param host             the configured host name, or the address for a machine not in the configuration
 * @param remainingSeconds the countdown it reported, as of {@code at}; null when not counting down
 * @param shutdownDelay    the delay it said it uses, in seconds; null when unknown
 * @param source           who said so: {@code agent}, {@code seed-client}, {@code server} (recovery) or {@code ssh}
 *                         (the server, shutting down a host that has no agent)
 * @param note             what the machine added in words (an agent's last step: what it asked its UPS); may be null
 */
public record ClientState(String host, String address, State state, Integer remainingSeconds, Integer shutdownDelay,
                         Instant at, String source, boolean configured, String note) {

    public ClientState(String host, String address, State state, Integer remainingSeconds, Integer shutdownDelay,
                       Instant at, String source, boolean configured) {
        this(host, address, state, remainingSeconds, shutdownDelay, at, source, configured, null);
    }

    /** What the machine is doing, as last reported. */
    public enum State {
        ONLINE("online"), SHUTDOWN_PENDING("shutdown_pending"), SHUTTING_DOWN("shutting_down"),
        WOL_SENT("wol_sent"), AWAKE("awake"), WOL_FAILED("wol_failed"),
        /** An agentless host took its shutdown command (the server ran it over SSH). */
        SHUT_DOWN("shut_down"),
        /** The server could not shut an agentless host down: the note says why (host key, login, exit status...). */
        SHUTDOWN_FAILED("shutdown_failed");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        /** The name on the wire (the seed's status strings). */
        public String wire() {
            return wire;
        }

        /** The state for a wire name, or null. */
        public static State ofWire(String text) {
            for (State s : values()) {
                if (s.wire.equals(text)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Whether the machine reports itself (an agent, a seed client), so that its silence means something. */
    public boolean selfReported() {
        return !source.equals("server") && !source.equals("ssh");
    }

    public Duration age(Instant now) {
        return Duration.between(at, now);
    }

    /** The countdown now, extrapolated from the report; null when not counting down. */
    public Long remainingNow(Instant now) {
        if (state != State.SHUTDOWN_PENDING || remainingSeconds == null) {
            return null;
        }
        return Math.max(0, remainingSeconds - age(now).toSeconds());
    }
}
