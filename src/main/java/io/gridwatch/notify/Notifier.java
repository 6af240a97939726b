package io.gridwatch.notify;

import ch.qos.logback.classic.LoggerContext;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.hub.EventBus;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.time.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification side of the server, put together: hub events become notifications (EventMapper), the router
 * addresses them to channels and stores them in the outbox (on disk in the data folder), and a delivery thread
 * sends what is due, at once when something new arrives and every few seconds for retries. Also sends ERROR log
 * lines as "application error" and the scheduled reports. Channels are rebuilt when the {@code notify:} settings
 * change ({@link #reload}); the outbox carries over. Thread-safe.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final Duration RETRY_CHECK = Duration.ofSeconds(2);

    /** What the notifier needs from the server around it. */
    public record Context(UpsHub hub, ClientTracker clients, Clock clock, Supplier<ZoneId> zone, Path dataDir,
                          Scheduler scheduler, ReportSource reports, io.gridwatch.coordination.Coordinator site) {
        /** A server alone: it sends everything itself. */
        public Context(UpsHub hub, ClientTracker clients, Clock clock, Supplier<ZoneId> zone, Path dataDir,
                       Scheduler scheduler, ReportSource reports) {
            this(hub, clients, clock, zone, dataDir, scheduler, reports,
                    io.gridwatch.coordination.Coordinator.alone("this server"));
        }
    }

    private final Context ctx;
    private final Outbox outbox;
    private final Router router;
    private final Dispatcher dispatcher;
    private final EventMapper mapper;
    private final Semaphore wake = new Semaphore(0);
    private final ReportScheduler reports;
    private volatile NotifySettings settings;
    private volatile Map<String, Channel> channels = Map.of();
    private volatile boolean running = true;
    private EventBus.Subscription subscription;
    private Scheduler.Cancellable reportTicks;
    private ErrorAppender errors;
    private Thread deliveries;

    public Notifier(NotifySettings settings, Context ctx) throws IOException {
        this.ctx = ctx;
        this.settings = settings;
        this.outbox = new Outbox(ctx.dataDir().resolve("notify-outbox.json"), ctx.clock(), settings.expireAfter());
        this.router = new Router(() -> this.settings, outbox, ctx.clock());
        this.dispatcher = new Dispatcher(outbox, () -> channels, ctx.site());
        this.mapper = new EventMapper(ctx.hub()::find, ctx.zone(),
                NotifyMemory.open(ctx.dataDir().resolve("notify-state.json")));
        this.reports = new ReportScheduler(ctx.dataDir().resolve("report-schedule.json"), ctx.clock(),
                () -> this.settings.reports(), ctx.zone(),
                () -> ctx.hub().names().stream().map(UpsName::value).toList(), ctx.reports(), this::submit);
    }

    /** Builds the channels, follows the hub and the log, and starts delivering (what was pending before, too). */
    public void start() {
        channels = build(settings);
        subscription = ctx.hub().subscribe("notify", e -> mapper.map(e).forEach(this::submit));
        reportTicks = ctx.scheduler().repeat(Duration.ofSeconds(30), Duration.ofMinutes(1), reports::tick);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            errors = new ErrorAppender(n -> Thread.ofVirtual().start(() -> submit(n)));
            errors.setContext(lc);
            errors.start();
            lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(errors);
        }
        deliveries = Thread.ofVirtual().name("notify-deliveries").start(this::deliverLoop);
        if (!settings.channels().isEmpty()) {
            LOG.info("notifications: {}", settings.channels());
        }
    }

    /** Routes one notification (from the hub, the log, a report) and wakes the delivery thread. */
    public List<Outbox.Item> submit(Notification n) {
        List<Outbox.Item> queued = router.route(n);
        if (!queued.isEmpty()) {
            wake.release();
        }
        return queued;
    }

    /** The dashboard's "send test": queued for that channel whatever its switches; empty when no such channel. */
    public Optional<Outbox.Item> test(String channel, String by) {
        Optional<Outbox.Item> i = router.test(channel, by);
        i.ifPresent(x -> wake.release());
        return i;
    }

    /** Tries a pending or expired notification again now; false when there is no such one or it was delivered. */
    public boolean retry(String id) {
        boolean ok = outbox.retryNow(id);
        if (ok) {
            wake.release();
        }
        return ok;
    }

    public Outbox outbox() {
        return outbox;
    }

    public NotifySettings settings() {
        return settings;
    }

    /** Puts new settings in force: channels rebuilt (MQTT reconnects), switches, limits and templates at once. */
    public synchronized void reload(NotifySettings next) {
        Map<String, Channel> old = channels;
        settings = next;
        channels = build(next);
        closeAll(old);
        wake.release();
        LOG.info("notification settings reloaded: {}", next.channels());
    }

    private void deliverLoop() {
        while (running) {
            try {
                dispatcher.run();
                wake.tryAcquire(RETRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("notification delivery: {}", e.getMessage());
            }
        }
    }

    private Map<String, Channel> build(NotifySettings s) {
        Map<String, Channel> out = new LinkedHashMap<>();
        for (ChannelSpec spec : s.channels()) {
            try {
                out.put(spec.name(), channel(spec));
            } catch (Exception e) {
                LOG.warn("notification channel {} cannot start: {}", spec, e.getMessage());
            }
        }
        return Map.copyOf(out);
    }

    private Channel channel(ChannelSpec spec) throws Exception {
        return switch (spec) {
            case ChannelSpec.Email e -> new EmailChannel(e);
            case ChannelSpec.Webhook w -> new WebhookChannel(w);
            case ChannelSpec.Ntfy n -> new NtfyChannel(n);
            case ChannelSpec.Chat c -> new ChatChannel(c);
            case ChannelSpec.Syslog y -> new SyslogChannel(y);
            case ChannelSpec.Mqtt m -> {
                MqttChannel c = new MqttChannel(m, ctx.hub(), ctx.clients());
                c.start();
                yield c;
            }
        };
    }

    private static void closeAll(Map<String, Channel> cs) {
        for (Channel c : cs.values()) {
            if (c instanceof AutoCloseable a) {
                try {
                    a.close();
                } catch (Exception e) {
                    LOG.debug("closing {}: {}", c, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (errors != null) {
            errors.stop();
            ((LoggerContext) errors.getContext()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(errors);
        }
        if (reportTicks != null) {
            reportTicks.cancel();
        }
        if (subscription != null) {
            subscription.close();
        }
        if (deliveries != null) {
            deliveries.interrupt();
            try {
                deliveries.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll(channels);
    }
}
