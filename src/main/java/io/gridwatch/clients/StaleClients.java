package io.gridwatch.clients;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns silence into an event: a protected machine that reports itself (an agent or the seed's client) and has
 * not reported for longer than the stale threshold is announced once as {@link UpsEvent.ClientStale}; its next
 * report re-arms it. Machines shutting down are left to the offline rule. {@link #check} runs on the site's
 * scheduler. A machine that said it was shutting down and then fell silent is announced once as
 * {@link UpsEvent.ClientOffline} instead.
 */
public final class StaleClients {
    private final UpsHub hub;
    private final ClientTracker clients;
    private final Clock clock;
    private final Map<String, Instant> announced = new HashMap<>();
    private final java.util.function.Supplier<Duration> staleAfter;
    private final java.util.function.Supplier<Duration> offlineAfter;

    /**
     * @param staleAfter   the threshold in force (read at every check: configuration edits apply at once)
     * @param offlineAfter how long a machine shutting down may be silent before it is announced as off
     */
    public StaleClients(UpsHub hub, ClientTracker clients, Clock clock, java.util.function.Supplier<Duration> staleAfter,
                        java.util.function.Supplier<Duration> offlineAfter) {
        this.hub = hub;
        this.clients = clients;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.offlineAfter = offlineAfter;
    }

    public synchronized void check() {
        Instant now = clock.instant();
        for (ClientState c : clients.all()) {
            boolean reportsItself = c.selfReported();
            boolean watching = c.state() == ClientState.State.ONLINE || c.state() == ClientState.State.SHUTDOWN_PENDING;
            Duration silent = c.age(now);
            boolean down = c.state() == ClientState.State.SHUTTING_DOWN;
            Duration limit = down ? offlineAfter.get() : staleAfter.get();
            if (reportsItself && (watching || down) && silent.compareTo(limit) > 0
                    && !c.at().equals(announced.get(c.host()))) {
                announced.put(c.host(), c.at());
                UpsName ups = clients.upsOf(c.host()).orElse(null);
                if (ups != null) {
                    hub.publish(down ? new UpsEvent.ClientOffline(ups, now, c.host(), silent)
                            : new UpsEvent.ClientStale(ups, now, c.host(), silent));
                }
            }
        }
    }
}
