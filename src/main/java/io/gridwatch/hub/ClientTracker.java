package io.gridwatch.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the last state of every protected machine: reports from agents and from the seed project's clients
 * ({@code POST /status}), and what recovery did (magic packet sent, awake, failed), which it learns from the hub.
 * Each change is published as {@link UpsEvent.ClientChanged}. Also remembers since when each UPS has been on
 * battery, so that a host's planned shutdown can be shown before any report. In memory: after a restart,
 * machines report again within a minute. Thread-safe.
 */
public final class ClientTracker implements AutoCloseable {
    private final UpsHub hub;
    private final Clock clock;
    private final Map<String, ClientState> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> onBatterySince = new ConcurrentHashMap<>();
    private final EventBus.Subscription subscription;

    public ClientTracker(UpsHub hub) {
        this.hub = hub;
        this.clock = hub.clock();
        for (UpsSnapshot s : hub.snapshots()) {
            if (s.status().onBattery()) {
                onBatterySince.put(s.name().key(), clock.instant());
            }
        }
        this.subscription = hub.subscribe("client-tracker", this::onEvent);
    }

    /** Records a machine's own report and tells the hub. */
    public ClientState report(UpsName ups, ClientState state) {
        clients.put(key(state.host()), state);
        upsByHost.put(key(state.host()), ups);
        hub.publish(new UpsEvent.ClientChanged(ups, state.at(), state));
        return state;
    }

    private final Map<String, UpsName> upsByHost = new java.util.concurrent.ConcurrentHashMap<>();

    /** The UPS a machine last reported about. */
    public Optional<UpsName> upsOf(String host) {
        return Optional.ofNullable(upsByHost.get(key(host)));
    }

    public Optional<ClientState> get(String host) {
        return Optional.ofNullable(clients.get(key(host)));
    }

    /** Every machine that reported or was woken, by name. */
    public List<ClientState> all() {
        List<ClientState> out = new ArrayList<>(clients.values());
        out.sort(Comparator.comparing(ClientState::host));
        return out;
    }

    /** Since when the UPS has been on battery, as seen by this server; empty when on line. */
    public Optional<Instant> onBatterySince(UpsName ups) {
        return Optional.ofNullable(onBatterySince.get(ups.key()));
    }

    private void onEvent(UpsEvent e) {
        switch (e) {
            case UpsEvent.StatusChanged s -> {
                if (s.to().onBattery() && !s.from().onBattery()) {
                    onBatterySince.put(s.ups().key(), s.at());
                } else if (!s.to().onBattery()) {
                    onBatterySince.remove(s.ups().key());
                }
            }
            case UpsEvent.WakeSent w -> server(w.ups(), w.host(), ClientState.State.WOL_SENT, w.at());
            case UpsEvent.HostAwake a -> server(a.ups(), a.host(), ClientState.State.AWAKE, a.at());
            case UpsEvent.WakeFailed f -> server(f.ups(), f.host(), ClientState.State.WOL_FAILED, f.at());
            default -> { }
        }
    }

    private void server(UpsName ups, String host, ClientState.State state, Instant at) {
        ClientState old = clients.get(key(host));
        report(ups, new ClientState(host, old == null ? null : old.address(), state, null,
                old == null ? null : old.shutdownDelay(), at, "server", true));
    }

    private static String key(String host) {
        return host.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
