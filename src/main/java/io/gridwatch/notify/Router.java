package io.gridwatch.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides who hears about what: applies the type's rate limit (per UPS or host: a second power cut on another
 * UPS is news), the configured template, and each channel's switches (its {@code events} list, and whether
 * drill-caused notifications reach it), then stores one outbox entry per channel. What a rate limit held back
 * is counted and mentioned in the next one that goes out. Thread-safe.
 */
public final class Router {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private final Supplier<NotifySettings> settings;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Integer> heldBack = new HashMap<>();

    public Router(Supplier<NotifySettings> settings, Outbox outbox, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues {@code n} for every channel switched on for it; returns what was queued (empty: none, or held back). */
    public synchronized List<Outbox.Item> route(Notification n) {
        NotifySettings s = settings.get();
        List<ChannelSpec> targets = s.channels().stream()
                .filter(c -> c.events().contains(n.type()) && (!n.drill() || c.drills())).toList();
        if (targets.isEmpty()) {
            return List.of();
        }
        String key = n.type().key() + "|" + n.ups() + "|" + n.fields().getOrDefault("host", "");
        Duration limit = s.rateLimits().get(n.type());
        Instant now = clock.instant();
        Instant last = lastSent.get(key);
        if (limit != null && last != null && now.isBefore(last.plus(limit))) {
            heldBack.merge(key, 1, Integer::sum);
            return List.of();
        }
        lastSent.put(key, now);
        Notification out = render(n, s.templates().get(n.type()));
        Integer held = heldBack.remove(key);
        if (held != null) {
            out = out.withText(out.title(), out.message() + "\n\n(" + held + " more like this were held back by the "
                    + "rate limit since the last one.)");
        }
        List<Outbox.Item> queued = new ArrayList<>();
        for (ChannelSpec c : targets) {
            queued.add(outbox.enqueue(c.name(), out));
        }
        return queued;
    }

    /** Queues a test notification for one channel, whatever its switches; empty when there is no such channel. */
    public Optional<Outbox.Item> test(String channel, String by) {
        return settings.get().channels().stream().filter(c -> c.name().equals(channel)).findFirst()
                .map(c -> outbox.enqueue(c.name(), Notification.of(NotifyType.TEST, null, "Test from Gridwatch",
                        "This is a test notification for channel '" + c.name() + "' (" + c.kind() + "), sent by " + by
                                + ". If you can read it, the channel works.", Map.of("by", by), clock.instant())));
    }

    /** {@code n} with the template's title and message, placeholders filled in; unknown ones are left as written. */
    static Notification render(Notification n, NotifySettings.Template t) {
        if (t == null) {
            return n;
        }
        Map<String, String> values = n.placeholders();
        String title = t.title() == null || t.title().isBlank() ? n.title() : fill(t.title(), values);
        String message = t.message() == null || t.message().isBlank() ? n.message() : fill(t.message(), values);
        return n.withText(n.drill() && !title.startsWith("[drill] ") ? "[drill] " + title : title, message);
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
