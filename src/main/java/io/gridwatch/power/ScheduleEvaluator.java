package io.gridwatch.power;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the schedule entries that fell due in a time interval, so that an entry due while the server was down
 * or busy still fires (late, once) instead of being skipped because its minute passed. Local times go through
 * {@link ZonedDateTime}: a time that does not exist on a spring-forward day fires after the gap, a time that
 * happens twice on a fall-back day fires the first time only. Pure and stateless.
 */
public final class ScheduleEvaluator {
    /** Looking back further than this is pointless: only the latest occurrence of a weekly entry matters. */
    private static final int MAX_DAYS_BACK = 8;

    /** A schedule entry due at a moment. */
    public record Firing(Schedule schedule, Instant due) {
    }

    private ScheduleEvaluator() {
    }

    /** Enabled entries due in {@code (after, upTo]}, oldest first. */
    public static List<Firing> due(List<Schedule> schedules, Instant after, Instant upTo, ZoneId zone) {
        List<Firing> out = new ArrayList<>();
        if (!upTo.isAfter(after)) {
            return out;
        }
        LocalDate last = upTo.atZone(zone).toLocalDate();
        LocalDate first = after.atZone(zone).toLocalDate();
        if (first.isBefore(last.minusDays(MAX_DAYS_BACK))) {
            first = last.minusDays(MAX_DAYS_BACK);
        }
        for (Schedule s : schedules) {
            if (!s.enabled()) {
                continue;
            }
            if (s.oneTime()) {
                add(out, s, ZonedDateTime.of(s.date(), s.time(), zone).toInstant(), after, upTo);
                continue;
            }
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (s.day() == null || d.getDayOfWeek() == s.day()) {
                    add(out, s, ZonedDateTime.of(d, s.time(), zone).toInstant(), after, upTo);
                }
            }
        }
        out.sort(Comparator.comparing(Firing::due).thenComparing(f -> f.schedule().name()));
        return out;
    }

    /** When {@code s} fires next after {@code now}; empty when disabled or past (a one-time entry). */
    public static java.util.Optional<Instant> next(Schedule s, Instant now, ZoneId zone) {
        if (!s.enabled()) {
            return java.util.Optional.empty();
        }
        if (s.oneTime()) {
            Instant at = ZonedDateTime.of(s.date(), s.time(), zone).toInstant();
            return at.isAfter(now) ? java.util.Optional.of(at) : java.util.Optional.empty();
        }
        return due(List.of(s), now, now.plus(java.time.Duration.ofDays(MAX_DAYS_BACK)), zone).stream()
                .map(Firing::due).findFirst();
    }

    private static void add(List<Firing> out, Schedule s, Instant at, Instant after, Instant upTo) {
        if (at.isAfter(after) && !at.isAfter(upTo)) {
            out.add(new Firing(s, at));
        }
    }
}
