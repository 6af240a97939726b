package io.gridwatch.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleEvaluatorTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Schedule weekly(String name, DayOfWeek day, String time, Schedule.Action a) {
        return new Schedule(name, List.of("grid"), null, day, LocalTime.parse(time), a, true);
    }

    static Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), PARIS).toInstant();
    }

    static List<String> due(List<Schedule> s, String after, String upTo) {
        return ScheduleEvaluator.due(s, at(after), at(upTo), PARIS).stream()
                .map(f -> f.schedule().name() + "@" + f.due().atZone(PARIS).toLocalDateTime()).toList();
    }

    @Test
    void firesWithinTheInterval() {
        List<Schedule> s = List.of(weekly("start", null, "23:00", Schedule.Action.START));
        assertThat(due(s, "2026-11-21T22:59:50", "2026-11-21T23:00:00")).containsExactly("start@2026-11-21T23:00");
        assertThat(due(s, "2026-11-21T23:00:00", "2026-11-21T23:00:10")).isEmpty();
    }

    @Test
    void aSkippedMinuteDoesNotLoseTheEntry() {
        List<Schedule> s = List.of(weekly("start", null, "23:00", Schedule.Action.START));
        assertThat(due(s, "2026-11-21T22:59:00", "2026-11-21T23:01:30")).containsExactly("start@2026-11-21T23:00");
    }

    @Test
    void windowAcrossMidnightFiresStartThenStop() {
        List<Schedule> s = List.of(weekly("w/start", DayOfWeek.SATURDAY, "23:30", Schedule.Action.START),
                weekly("w/stop", DayOfWeek.SUNDAY, "00:30", Schedule.Action.STOP));
        assertThat(due(s, "2026-11-21T23:00:00", "2026-11-22T01:00:00"))
                .containsExactly("w/start@2026-11-21T23:30", "w/stop@2026-11-22T00:30");
    }

    @Test
    void dayOfWeekIsRespected() {
        List<Schedule> s = List.of(weekly("mon", DayOfWeek.MONDAY, "08:00", Schedule.Action.START));
        assertThat(due(s, "2026-11-21T00:00:00", "2026-11-23T07:59:59")).isEmpty();
        assertThat(due(s, "2026-11-21T00:00:00", "2026-11-23T08:00:00")).containsExactly("mon@2026-11-23T08:00");
    }

    @Test
    void oneTimeEntryFiresLateWhenTheServerWasDown() {
        Schedule once = new Schedule("once", List.of("grid"), LocalDate.parse("2026-12-01"), null,
                LocalTime.parse("10:00"), Schedule.Action.START, true);
        assertThat(due(List.of(once), "2026-12-01T09:00:00", "2026-12-01T14:00:00")).containsExactly("once@2026-12-01T10:00");
        assertThat(due(List.of(once), "2026-12-01T14:00:00", "2026-12-02T14:00:00")).isEmpty();
    }

    @Test
    void springForwardGapFiresAfterTheGap() {
        List<Schedule> s = List.of(weekly("night", null, "02:30", Schedule.Action.START));
        assertThat(due(s, "2026-03-29T01:00:00", "2026-03-29T04:00:00")).containsExactly("night@2026-03-29T03:30");
    }

    @Test
    void fallBackOverlapFiresOnce() {
        List<Schedule> s = List.of(weekly("night", null, "02:30", Schedule.Action.START));
        Instant after = Instant.parse("2026-10-24T23:00:00Z");
        Instant upTo = Instant.parse("2026-10-25T03:00:00Z");
        assertThat(ScheduleEvaluator.due(s, after, upTo, PARIS)).hasSize(1);
    }

    @Test
    void disabledEntriesNeverFire() {
        Schedule off = new Schedule("off", List.of("grid"), null, null, LocalTime.NOON, Schedule.Action.START, false);
        assertThat(due(List.of(off), "2026-11-21T00:00:00", "2026-11-22T00:00:00")).isEmpty();
    }

    @Test
    void aLongDowntimeOnlyLooksBackAWeek() {
        List<Schedule> s = List.of(weekly("daily", null, "12:00", Schedule.Action.START));
        assertThat(due(s, "2026-01-01T00:00:00", "2026-11-21T13:00:00")).hasSize(9);
    }
}
