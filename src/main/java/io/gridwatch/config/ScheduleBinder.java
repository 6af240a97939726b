package io.gridwatch.config;

import io.gridwatch.power.Schedule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds {@code schedules:}: drills started or stopped at a time, once (a date) or weekly (a day, or every day);
 * a window ({@code start} and {@code stop} times, possibly across midnight) becomes a start entry and a stop
 * entry. Stateless.
 */
final class ScheduleBinder {
    private ScheduleBinder() {
    }

    static List<Schedule> bind(Section root, List<UpsConfig> ups) {
        List<String> drillable = ups.stream().filter(u -> u.driver() instanceof UpsConfig.Mains)
                .map(u -> u.name().value()).toList();
        List<String> known = ups.stream().map(u -> u.name().value()).toList();
        List<Schedule> out = new ArrayList<>();
        for (Map.Entry<String, Section> e : root.named("schedules", "Drills on a timetable.").entrySet()) {
            out.addAll(entry(e.getKey(), e.getValue(), drillable, known));
        }
        return out;
    }

    private static List<Schedule> entry(String name, Section s, List<String> drillable, List<String> known) {
        List<String> targets = s.strings("ups", drillable, "The UPSes it drills (default: every UPS drills apply to).");
        String date = s.string("date", null, "YYYY-MM-DD: a one-time entry on that date.");
        String day = s.string("day", "everyday", "monday ... sunday, or everyday: a weekly entry.");
        String time = s.string("time", null, "HH:MM (24 h, site time zone), with action.");
        String action = s.string("action", null, "start or stop a drill, at time.");
        String start = s.string("start", null, "HH:MM: a window's start (instead of time and action).");
        String stop = s.string("stop", null, "HH:MM: a window's end; before start means the next day.");
        boolean enabled = s.bool("enabled", true, "Off: kept in the file but never fires.");
        s.finish();
        if (s.documenting()) {
            return List.of();
        }
        for (String t : targets) {
            if (!drillable.contains(t)) {
                s.problem("ups", known.contains(t) ? "drills do not apply to UPS '" + t + "': it has its own data "
                        + "port (drills apply to sentinel, gpio and command UPSes)" : "unknown UPS '" + t + "'");
                return List.of();
            }
        }
        LocalDate d = date == null ? null : date(s, date);
        DayOfWeek dow = date == null ? day(s, day) : null;
        if (start != null || stop != null) {
            LocalTime from = time(s, "start", start);
            LocalTime to = time(s, "stop", stop);
            if (from == null || to == null) {
                return List.of();
            }
            LocalDate stopDate = d != null && to.isBefore(from) ? d.plusDays(1) : d;
            DayOfWeek stopDay = dow != null && to.isBefore(from) ? dow.plus(1) : dow;
            return List.of(new Schedule(name + "/start", targets, d, dow, from, Schedule.Action.START, enabled),
                    new Schedule(name + "/stop", targets, stopDate, stopDay, to, Schedule.Action.STOP, enabled));
        }
        LocalTime at = time(s, "time", time);
        Schedule.Action a = action(s, action);
        return at == null || a == null ? List.of() : List.of(new Schedule(name, targets, d, dow, at, a, enabled));
    }

    private static LocalDate date(Section s, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            s.problem("date", "must be a date like 2026-12-01 (got '" + text + "')");
            return null;
        }
    }

    private static DayOfWeek day(Section s, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("EVERYDAY") || t.equals("DAILY")) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(t);
        } catch (IllegalArgumentException e) {
            s.problem("day", "must be monday ... sunday or everyday (got '" + text + "')");
            return null;
        }
    }

    private static LocalTime time(Section s, String key, String text) {
        if (text == null) {
            s.problem(key, "missing: a time like 23:00");
            return null;
        }
        try {
            return LocalTime.parse(text.trim().length() == 4 ? "0" + text.trim() : text.trim());
        } catch (DateTimeParseException e) {
            s.problem(key, "must be a time like 23:00 (got '" + text + "')");
            return null;
        }
    }

    private static Schedule.Action action(Section s, String text) {
        if (text == null) {
            s.problem("action", "missing: start or stop (or give a window with start and stop times)");
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "start" -> Schedule.Action.START;
            case "stop" -> Schedule.Action.STOP;
            default -> {
                s.problem("action", "must be start or stop (got '" + text + "')");
                yield null;
            }
        };
    }
}
