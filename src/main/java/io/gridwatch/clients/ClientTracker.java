package io.gridwatch.clients;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
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
 * battery, so that a host's planned shutdown can be shown before any report. With a file, the last state of
 * every machine survives a restart: a change of state is written at once, a mere heartbeat by {@link #flush}
 * (called every few seconds), so a machine counting down or woken is still shown so after a restart. Thread-safe.
 */
public final class ClientTracker implements AutoCloseable {
    private final UpsHub hub;
    private final Clock clock;
    private final Map<String, ClientState> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> onBatterySince = new ConcurrentHashMap<>();
    private final EventBus.Subscription subscription;
    private final Store store;
    private boolean dirty;

    /** One machine as kept: the UPS it reported about and its state. */
    public record Saved(String ups, ClientState client) {
    }

    /** Where the machines' states are kept between runs. Implementations may block on I/O. */
    public interface Store {
        /** Nothing kept: every run starts empty. */
        Store NONE = new Store() {
            public List<Saved> load() {
                return List.of();
            }

            public void save(List<Saved> all) {
            }
        };

        List<Saved> load();

        void save(List<Saved> all);
    }

    /** In memory only. */
    public ClientTracker(UpsHub hub) {
        this(hub, Store.NONE);
    }

    /** @param store where the machines' last states are kept across restarts */
    public ClientTracker(UpsHub hub, Store store) {
        this.hub = hub;
        this.clock = hub.clock();
        this.store = store;
        load();
        for (UpsSnapshot s : hub.snapshots()) {
            if (s.status().onBattery()) {
                onBatterySince.put(s.name().key(), clock.instant());
            }
        }
        this.subscription = hub.subscribe("client-tracker", this::onEvent);
    }

    /** Records a machine's own report and tells the hub. */
    public ClientState report(UpsName ups, ClientState state) {
        ClientState old = clients.put(key(state.host()), state);
        upsByHost.put(key(state.host()), ups);
        boolean changed = old == null || old.state() != state.state() || !old.source().equals(state.source());
        synchronized (this) {
            dirty = true;
        }
        if (changed) {
            flush();
        }
        hub.publish(new UpsEvent.ClientChanged(ups, state.at(), state, old));
        return state;
    }

    private void load() {
        for (Saved x : store.load()) {
            if (x.client() != null && x.client().host() != null && x.client().state() != null && x.ups() != null
                    && UpsName.isValid(x.ups())) {
                clients.put(key(x.client().host()), x.client());
                upsByHost.put(key(x.client().host()), UpsName.of(x.ups()));
            }
        }
    }

    /** Writes the machines' states if anything changed since the last write. */
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        List<Saved> out = new ArrayList<>();
        for (ClientState c : all()) {
            UpsName ups = upsByHost.get(key(c.host()));
            out.add(new Saved(ups == null ? null : ups.value(), c));
        }
        store.save(out);
        dirty = false;
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
        flush();
    }
}
