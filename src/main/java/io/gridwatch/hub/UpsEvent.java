package io.gridwatch.hub;

import java.time.Instant;

/**
 * Something that happened to a UPS, as the hub tells its subscribers (NUT server, HTTP stream, history,
 * notifications, recovery, metrics). Records under a sealed interface, so every subscriber's {@code switch}
 * is checked for completeness. Immutable.
 */
public sealed interface UpsEvent {
    UpsName ups();

    Instant at();

    /** Any change of the UPS's snapshot (values, driver health, FSD). */
    record StateChanged(UpsName ups, Instant at, UpsSnapshot previous, UpsSnapshot current) implements UpsEvent {
    }

    /** {@code ups.status} changed, FSD included. */
    record StatusChanged(UpsName ups, Instant at, UpsStatus from, UpsStatus to) implements UpsEvent {
    }

    /** The driver lost the UPS, went stale, or stopped. */
    record CommLost(UpsName ups, Instant at, Availability availability, String reason) implements UpsEvent {
    }

    /** Fresh data again after a {@link CommLost}. */
    record CommRestored(UpsName ups, Instant at) implements UpsEvent {
    }

    /** The FSD latch was set; {@code by} names the NUT user or API caller. */
    record FsdSet(UpsName ups, Instant at, String by) implements UpsEvent {
    }

    /** The FSD latch was released ({@code why}: power back long enough, or by hand). */
    record FsdCleared(UpsName ups, Instant at, String why) implements UpsEvent {
    }

    /** A SET VAR or INSTCMD was accepted and is being relayed to the driver ({@code by}: who asked). */
    record CommandRequested(UpsName ups, Instant at, String by, String command) implements UpsEvent {
    }

    /** A mains sensor (sentinel host, GPIO line, command) went up or down, debounced. */
    record SensorChanged(UpsName ups, Instant at, SensorStatus sensor) implements UpsEvent {
    }

    /** A drill (simulated outage) began; {@code by} names the user or the schedule. */
    record DrillStarted(UpsName ups, Instant at, String by) implements UpsEvent {
    }

    record DrillStopped(UpsName ups, Instant at, String by) implements UpsEvent {
    }

    /** Power is back: hosts on this UPS will be woken at {@code wakeAt} unless power fails again. */
    record WakePlanned(UpsName ups, Instant at, Instant wakeAt, java.util.List<String> hosts) implements UpsEvent {
    }

    /** The wake-up of a host was called off before it answered (a new outage). */
    record WakeCancelled(UpsName ups, Instant at, String host, String reason) implements UpsEvent {
    }

    /** Every host of a wake-up answered or gave up. */
    record WakeFinished(UpsName ups, Instant at, java.util.List<String> awake, java.util.List<String> failed)
            implements UpsEvent {
    }

    /** A Wake-on-LAN packet went to a host. */
    record WakeSent(UpsName ups, Instant at, String host, int attempt, String by) implements UpsEvent {
    }

    /** A host answered its probe: awake (woken or already up, see {@code alreadyUp}). */
    record HostAwake(UpsName ups, Instant at, String host, boolean alreadyUp) implements UpsEvent {
    }

    /** A host did not wake up after every attempt. */
    record WakeFailed(UpsName ups, Instant at, String host, String reason) implements UpsEvent {
    }

    /** A protected machine that reports itself has been silent longer than the stale threshold. */
    record ClientStale(UpsName ups, Instant at, String host, java.time.Duration silentFor) implements UpsEvent {
    }

    /** A machine that reported it was shutting down has been silent longer than the offline threshold: it is off. */
    record ClientOffline(UpsName ups, Instant at, String host, java.time.Duration silentFor) implements UpsEvent {
    }

    /** A protected machine reported (or the server noted) a new state: online, counting down, woken... */
    record ClientChanged(UpsName ups, Instant at, ClientState client, ClientState previous) implements UpsEvent {
        public ClientChanged(UpsName ups, Instant at, ClientState client) {
            this(ups, at, client, null);
        }

        /** Whether the machine's state is new (not a heartbeat of the same state). */
        public boolean stateChanged() {
            return previous == null || previous.state() != client.state();
        }
    }

    /** A SET VAR or INSTCMD finished. */
    record CommandFinished(UpsName ups, Instant at, String by, String command, CommandResult result)
            implements UpsEvent {
    }
}
