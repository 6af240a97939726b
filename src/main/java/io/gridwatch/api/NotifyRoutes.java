package io.gridwatch.api;

import io.gridwatch.notify.ChannelSpec;
import io.gridwatch.notify.NotifyType;
import io.gridwatch.notify.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/notifications}: the channels (never their secrets), the outbox with what is pending, failed,
 * delivered or expired, "send test" per channel and "retry now" per notification.
 */
final class NotifyRoutes {
    static final int SHOWN = 200;

    private NotifyRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/notifications", Access.READ)
                .doc("notifications", "Channels and the outbox: pending (with their last error), delivered, expired")
                .response("Notifications").handle(ctx -> {
                    var n = c.site().notifier();
                    List<Outbox.Item> all = n.outbox().all();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("channels", n.settings().channels().stream().map(NotifyRoutes::channel).toList());
                    m.put("pending", all.stream().filter(i -> i.state() == Outbox.State.PENDING).count());
                    m.put("failing", all.stream().filter(i -> i.state() == Outbox.State.PENDING && i.attempts() > 0)
                            .count());
                    m.put("expired", all.stream().filter(i -> i.state() == Outbox.State.EXPIRED).count());
                    m.put("deliveries", all.stream().limit(SHOWN).map(NotifyRoutes::item).toList());
                    m.put("types", NotifyType.switchable().stream().map(x -> Map.of("type", x.key(), "meaning",
                            x.meaning())).toList());
                    ctx.json(m);
                });
        t.post("/api/v1/notifications/test", Access.ADMIN)
                .doc("notifications", "Send a test notification through one channel ('channel': its name)")
                .request("NotificationTest").response("Delivery").handle(ctx -> {
                    String channel = Body.of(ctx.body()).string("channel", Body.MAX_NAME);
                    Outbox.Item i = c.site().notifier().test(channel, ApiContext.by(ctx)).orElseThrow(
                            () -> ApiException.notFound("no notification channel '" + Problems.quote(channel) + "'"));
                    ctx.status(202).json(item(i));
                });
        t.post("/api/v1/notifications/{id}/retry", Access.ADMIN)
                .doc("notifications", "Try a pending or expired notification again now").response("Delivery")
                .handle(ctx -> {
                    String id = ctx.pathParam("id");
                    var n = c.site().notifier();
                    if (!n.retry(id)) {
                        throw n.outbox().find(id).isPresent()
                                ? ApiException.conflict("notification " + id + " was already delivered")
                                : ApiException.notFound("no notification '" + Problems.quote(id) + "'");
                    }
                    ctx.status(202).json(item(n.outbox().find(id).orElseThrow()));
                });
    }

    private static Map<String, Object> channel(ChannelSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("type", s.kind());
        m.put("target", s.toString());
        m.put("events", s.events().stream().map(NotifyType::key).toList());
        m.put("drills", s.drills());
        return m;
    }

    static Map<String, Object> item(Outbox.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("channel", i.channel());
        m.put("type", i.type());
        m.put("severity", i.message().severity().name().toLowerCase(Locale.ROOT));
        m.put("ups", i.message().ups());
        m.put("title", i.title());
        m.put("message", i.body());
        m.put("drill", i.message().drill());
        m.put("state", i.state().name().toLowerCase(Locale.ROOT));
        m.put("attempts", i.attempts());
        m.put("created", i.created());
        m.put("next_attempt", i.state() == Outbox.State.PENDING ? i.nextAttempt() : null);
        m.put("last_error", i.lastError());
        m.put("delivered", i.delivered());
        m.put("delivered_by", i.deliveredBy());
        return m;
    }
}
