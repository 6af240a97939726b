package io.gridwatch.api;

import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.time.Scheduler;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Server-Sent Events stream {@code /api/v1/stream}: on connect a {@code hello} with the whole state, then
 * {@code ups} (a UPS's new summary) on every hub change (the sensors' per-probe bookkeeping at most every 2 s),
 * {@code client} on every host report, and {@code event}
 * for everything the event journal records. A {@code ping} event every 5 s (with the server's time) keeps proxies
 * from closing the stream and lets the dashboard tell a silent server from a quiet one; a stream whose dashboard
 * session has ended (logout, a new password, the user removed) is closed at the next ping. A client
 * that falls 1 000 events behind is dropped (it reconnects and gets a fresh {@code hello}). Thread-safe.
 */
final class Streams implements AutoCloseable {
    static final int MAX_BACKLOG = 1000;
    static final long CHURN_NANOS = 2_000_000_000L;
    /** How often every stream gets a sign of life (the dashboard marks its data out of date after two missed). */
    static final Duration PING = Duration.ofSeconds(5);

    private final ApiContext c;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    /** The dashboard session each stream was opened with: a stream ends with its session (logout, new password). */
    private final Map<SseClient, io.gridwatch.api.auth.Sessions.Session> sessionOf = new ConcurrentHashMap<>();
    private final Scheduler.Cancellable pinger;
    private volatile boolean closed;

    Streams(ApiContext c, Scheduler scheduler) {
        this.c = c;
        this.pinger = scheduler.repeat(PING, PING, this::ping);
    }

    void open(SseClient client) {
        if (closed) {
            client.close();
            return;
        }
        client.keepAlive();
        clients.add(client);
        Principal who = Authenticator.principal(client.ctx());
        if (who != null && who.session() != null) {
            sessionOf.put(client, who.session());
        }
        send(client, "hello", hello());
        UpsHub hub = c.site().hub();
        Map<String, Long> lastSent = new java.util.HashMap<>();
        EventBus.Subscription[] sub = new EventBus.Subscription[1];
        sub[0] = hub.subscribe("sse", e -> {
            if (sub[0] != null && sub[0].backlog() > MAX_BACKLOG) {
                client.close();
                return;
            }
            deliver(client, e, lastSent);
        });
        client.onClose(() -> {
            clients.remove(client);
            sessionOf.remove(client);
            sub[0].close();
        });
    }

    private Map<String, Object> hello() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ups", UpsRoutes.list(c));
        m.put("hosts", HostRoutes.list(c));
        m.put("last_event", c.site().journal().lastId());
        return m;
    }

    private void deliver(SseClient client, UpsEvent e, Map<String, Long> lastSent) {
        switch (e) {
            case UpsEvent.StateChanged s -> {
                long now = System.nanoTime();
                Long last = lastSent.get(s.ups().key());
                if (significant(s.previous(), s.current()) || last == null || now - last > CHURN_NANOS) {
                    lastSent.put(s.ups().key(), now);
                    send(client, "ups", view(s.current()));
                }
            }
            case UpsEvent.ClientChanged x -> {
                send(client, "client", HostRoutes.list(c));
                send(client, "event", event(e));
            }
            default -> send(client, "event", event(e));
        }
    }

    /**
     * A change a person would see: anything but the sensors' bookkeeping (last reading, RTT, failure count),
     * which moves with every probe and is sent at most every {@link #CHURN_NANOS}.
     */
    static boolean significant(UpsSnapshot a, UpsSnapshot b) {
        if (!a.device().equals(b.device()) || a.driver() != b.driver() || a.fsd() != b.fsd()
                || !java.util.Objects.equals(a.drill(), b.drill()) || a.sensors().size() != b.sensors().size()) {
            return true;
        }
        for (int i = 0; i < a.sensors().size(); i++) {
            var x = a.sensors().get(i);
            var y = b.sensors().get(i);
            if (x.up() != y.up() || x.known() != y.known()) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> view(UpsSnapshot s) {
        return Views.ups(c.site().hub(), s, c.site().clients().onBatterySince(s.name()).orElse(null), false);
    }

    private static Map<String, Object> event(UpsEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at());
        m.put("ups", e.ups().value());
        m.put("type", EventText.type(e));
        m.put("level", EventText.level(e).name().toLowerCase(java.util.Locale.ROOT));
        m.put("message", EventText.message(e));
        return m;
    }

    private static void send(SseClient client, String name, Object data) {
        synchronized (client) {
            if (!client.terminated()) {
                client.sendEvent(name, Json.MAPPER.writeValueAsString(data));
            }
        }
    }

    private void ping() {
        for (SseClient client : clients) {
            var session = sessionOf.get(client);
            if (session != null && !c.sessions().alive(session)) {
                client.close(); // revoked: no more live data for it
                continue;
            }
            synchronized (client) {
                if (!client.terminated()) {
                    client.sendEvent("ping", "{\"at\":\"" + c.clock().instant() + "\"}");
                }
            }
        }
    }

    int open() {
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        pinger.cancel();
        clients.forEach(SseClient::close);
    }
}
