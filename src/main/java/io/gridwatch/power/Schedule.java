package io.gridwatch.power;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * One drill schedule entry: start or stop a drill on some UPSes, once (a date and time) or every week (a day,
 * or every day, and a time), in the site's time zone. A window written as start and stop times becomes two
 * entries. Immutable.
 *
 * @param ups  the UPSes it applies to (by configured name)
 * @param date for a one-time entry, else null
 * @param day  for a recurring entry, the day of the week, or null for every day
 */
public record Schedule(String name, List<String> ups, LocalDate date, DayOfWeek day, LocalTime time, Action action,
                       boolean enabled) {

    /** What the entry does when it fires. */
    public enum Action { START, STOP }

    public Schedule {
        ups = List.copyOf(ups);
    }

    public boolean oneTime() {
        return date != null;
    }
}
