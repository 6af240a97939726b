package io.gridwatch.power;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** A battery self-test run through INSTCMD on a weekly day (or every day, {@code day} null) at a time. Immutable. */
public record SelfTest(DayOfWeek day, LocalTime time, String command) {
    /** Whether it is due in the minute holding {@code t}. */
    public boolean dueAt(ZonedDateTime t) {
        return (day == null || t.getDayOfWeek() == day) && t.getHour() == time.getHour()
                && t.getMinute() == time.getMinute();
    }
}
