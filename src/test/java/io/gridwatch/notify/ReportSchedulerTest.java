package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.history.Report;
import io.gridwatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report schedule on a fake clock in a real time zone: nothing old on the first run, daily at the hour,
 * weekly on Mondays, once after a restart that missed the hour, never twice.
 */
class ReportSchedulerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void dailyAndWeeklyReportsGoOutOnceEachWhenDue(@TempDir Path dir) throws Exception {
        // Friday 2026-11-20, 06:00 in Berlin
        ManualClock clock = new ManualClock(Instant.parse("2026-11-20T05:00:00Z"));
        List<Notification> sent = new CopyOnWriteArrayList<>();
        NotifySettings.Reports settings = new NotifySettings.Reports(true, true, false, LocalTime.of(7, 0));
        ReportSource source = (ups, span, now) -> "<html>" + ups + " " + span + "</html>";
        ReportScheduler r = new ReportScheduler(dir.resolve("s.json"), clock, () -> settings, () -> BERLIN,
                () -> List.of("rack", "grid"), source, sent::add);
        r.tick();
        assertThat(sent).as("first run: nothing old").isEmpty();
        clock.advance(Duration.ofMinutes(59));
        r.tick();
        assertThat(sent).isEmpty();
        clock.advance(Duration.ofMinutes(1)); // 07:00
        r.tick();
        r.tick();
        assertThat(sent).extracting(Notification::title).containsExactly("Daily report: rack", "Daily report: grid");
        Notification first = sent.get(0);
        assertThat(first.type()).isEqualTo(NotifyType.REPORT);
        assertThat(first.html()).isEqualTo("<html>rack DAY</html>");
        assertThat(first.message()).startsWith("Daily report for rack, 2026-11-19 to 2026-11-20");

        // the server is down over the weekend and starts again on Monday at 09:30: one daily, one weekly
        sent.clear();
        clock.set(Instant.parse("2026-11-23T08:30:00Z"));
        ReportScheduler restarted = new ReportScheduler(dir.resolve("s.json"), clock, () -> settings, () -> BERLIN,
                () -> List.of("rack"), source, sent::add);
        restarted.tick();
        restarted.tick();
        assertThat(sent).extracting(Notification::title).containsExactly("Daily report: rack", "Weekly report: rack");
        assertThat(sent.get(1).html()).isEqualTo("<html>rack WEEK</html>");
    }

    @Test
    void theLastDueMomentFollowsTheCalendar(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T06:00:00Z"));
        NotifySettings.Reports s = new NotifySettings.Reports(true, true, true, LocalTime.of(7, 0));
        ReportScheduler r = new ReportScheduler(dir.resolve("s.json"), clock, () -> s, () -> BERLIN, List::of,
                (u, sp, n) -> "", x -> { });
        Instant now = Instant.parse("2026-03-01T05:00:00Z"); // Sunday 06:00 in Berlin, before the hour
        assertThat(r.lastDue(Report.Span.DAY, s, now)).isEqualTo(Instant.parse("2026-02-28T06:00:00Z"));
        assertThat(r.lastDue(Report.Span.WEEK, s, now)).isEqualTo(Instant.parse("2026-02-23T06:00:00Z"));
        assertThat(r.lastDue(Report.Span.MONTH, s, now)).isEqualTo(Instant.parse("2026-02-01T06:00:00Z"));
        Instant summer = Instant.parse("2026-04-01T05:00:00Z"); // 07:00 CEST
        assertThat(r.lastDue(Report.Span.MONTH, s, summer)).isEqualTo(summer);
    }
}
