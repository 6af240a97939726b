package io.gridwatch.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The {@code notify:} section, validated: channels, per-type rate limits and templates, how long an undelivered
 * notification is retried, and when the scheduled reports go out. Immutable.
 *
 * @param rateLimits at most one notification of a type (per UPS or host) per this long; absent = no limit
 * @param templates  per type, a title and message with {@code {placeholders}}; absent = the built-in wording
 */
public record NotifySettings(List<ChannelSpec> channels, Map<NotifyType, Duration> rateLimits,
                             Map<NotifyType, Template> templates, Duration expireAfter, Reports reports) {
    public NotifySettings {
        channels = List.copyOf(channels);
        rateLimits = Map.copyOf(rateLimits);
        templates = Map.copyOf(templates);
    }

    /** A title and message template; either may be null (then the built-in text is kept). */
    public record Template(String title, String message) {
    }

    /** When reports are sent (site time): daily at {@code at}, weekly on Monday, monthly on the 1st. */
    public record Reports(boolean daily, boolean weekly, boolean monthly, LocalTime at) {
    }

    public static NotifySettings none() {
        return new NotifySettings(List.of(), Map.of(NotifyType.APP_ERROR, Duration.ofHours(1)), Map.of(),
                Duration.ofDays(2), new Reports(false, false, false, LocalTime.of(7, 0)));
    }
}
