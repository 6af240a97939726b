package io.gridwatch.notify;

import io.gridwatch.files.AtomicFile;
import io.gridwatch.history.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

/**
 * Sends the scheduled reports: daily at the configured time, weekly on Mondays, monthly on the 1st (site time).
 * When each last went out is kept on disk, so a server that was down at the hour sends that report once when it
 * is back, and a restart never sends one twice. On the very first run nothing old is sent. {@link #tick} runs on
 * the notifier's schedule.
 */
final class ReportScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final Path file;
    private final Clock clock;
    private final Supplier<NotifySettings.Reports> settings;
    private final Supplier<ZoneId> zone;
    private final Supplier<List<String>> upses;
    private final ReportSource source;
    private final Consumer<Notification> sink;
    private final Map<Report.Span, Instant> last = new EnumMap<>(Report.Span.class);

    ReportScheduler(Path file, Clock clock, Supplier<NotifySettings.Reports> settings, Supplier<ZoneId> zone,
                    Supplier<List<String>> upses, ReportSource source, Consumer<Notification> sink) throws IOException {
        this.file = file;
        this.clock = clock;
        this.settings = settings;
        this.zone = zone;
        this.upses = upses;
        this.source = source;
        this.sink = sink;
        if (Files.exists(file)) {
            last.putAll(HttpPost.JSON.readValue(Files.readString(file),
                    new TypeReference<Map<Report.Span, Instant>>() { }));
        }
    }

    synchronized void tick() {
        NotifySettings.Reports r = settings.get();
        Instant now = clock.instant();
        for (Report.Span span : Report.Span.values()) {
            boolean on = switch (span) {
                case DAY -> r.daily();
                case WEEK -> r.weekly();
                case MONTH -> r.monthly();
            };
            if (!on) {
                continue;
            }
            Instant due = lastDue(span, r, now);
            Instant sent = last.get(span);
            if (sent == null) {
                remember(span, now); // first run: start from here, send nothing old
            } else if (sent.isBefore(due)) {
                remember(span, now);
                send(span, now);
            }
        }
    }

    /** The most recent moment at or before {@code now} when a report of {@code span} was due. */
    Instant lastDue(Report.Span span, NotifySettings.Reports r, Instant now) {
        ZoneId z = zone.get();
        LocalDate today = now.atZone(z).toLocalDate();
        LocalDate day = switch (span) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
        };
        ZonedDateTime at = day.atTime(r.at()).atZone(z);
        if (at.toInstant().isAfter(now)) {
            at = switch (span) {
                case DAY -> day.minusDays(1).atTime(r.at()).atZone(z);
                case WEEK -> day.minusWeeks(1).atTime(r.at()).atZone(z);
                case MONTH -> day.minusMonths(1).atTime(r.at()).atZone(z);
            };
        }
        return at.toInstant();
    }

    private void send(Report.Span span, Instant now) {
        String word = switch (span) {
            case DAY -> "Daily";
            case WEEK -> "Weekly";
            case MONTH -> "Monthly";
        };
        for (String ups : upses.get()) {
            try {
                String html = source.html(ups, span, now);
                Instant[] w = Report.window(span, now, zone.get());
                sink.accept(Notification.of(NotifyType.REPORT, ups, word + " report: " + ups, word + " report for "
                        + ups + ", " + w[0].atZone(zone.get()).toLocalDate() + " to "
                        + w[1].atZone(zone.get()).toLocalDate() + " (the HTML part has the charts, energy, warnings "
                        + "and battery health).", Map.of("period", span.name().toLowerCase(Locale.ROOT)), now)
                        .withHtml(html));
            } catch (Exception e) {
                LOG.warn("{} report for {} could not be made: {}", word, ups, e.getMessage());
            }
        }
    }

    private void remember(Report.Span span, Instant at) {
        last.put(span, at);
        try {
            AtomicFile.write(file, HttpPost.JSON.writeValueAsBytes(last), true);
        } catch (IOException e) {
            LOG.warn("cannot record when reports were sent ({}): {}", file, e.getMessage());
        }
    }
}
