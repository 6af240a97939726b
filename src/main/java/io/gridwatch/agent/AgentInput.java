package io.gridwatch.agent;

import java.time.Duration;
import java.util.Set;

/** What the agent's runtime feeds the {@link PowerStateMachine}: readings, failures, settings and the clock. */
public sealed interface AgentInput {
    /**
     * A UPS answered: its status flags ({@code OL}, {@code OB}, {@code LB}, {@code FSD}, {@code RB}...), charge
     * (percent) and runtime (seconds) when it has them, and whether the outage is a drill ({@code ups.simulation}).
     */
    record Status(String ups, Set<String> flags, Integer charge, Integer runtime, boolean simulated)
            implements AgentInput {
    }

    /** A UPS could not be asked (connection refused or lost, timeout, DATA-STALE, UNKNOWN-UPS...). */
    record CommLost(String ups, String why) implements AgentInput {
    }

    /** The clock moved on: timers, delays and warnings are checked. */
    record Tick() implements AgentInput {
    }

    /** The hub's settings for this machine (null fields: the hub has none, the local value applies). */
    record HubSettings(Duration shutdownDelay, Boolean ignoreDrills) implements AgentInput {
    }

    /** While a primary waits for secondaries (HOSTSYNC): the clients still logged in to a UPS, this one included. */
    record Logins(String ups, int count) implements AgentInput {
    }
}
