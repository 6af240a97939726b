package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a fake clock: stored before sending, retried with doubling waits, survives a restart, expires. */
class OutboxTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void aNotificationSurvivesARestartAndIsDeliveredOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox.json");
        Outbox first = new Outbox(file, clock, Duration.ofDays(1));
        Outbox.Item i = first.enqueue("ntfy", note("power-lost", "Power lost", "grid is on battery"));
        assertThat(first.due()).extracting(Outbox.Item::id).containsExactly(i.id());
        first.failed(i.id(), "connection refused");

        Outbox second = new Outbox(file, clock, Duration.ofDays(1)); // the server restarted
        assertThat(second.due()).as("waiting for its retry").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(second.due()).extracting(Outbox.Item::id).containsExactly(i.id());
        second.delivered(i.id());
        assertThat(second.due()).isEmpty();

        Outbox third = new Outbox(file, clock, Duration.ofDays(1));
        clock.advance(Duration.ofHours(2));
        assertThat(third.due()).as("delivered is never due again").isEmpty();
        assertThat(third.all()).singleElement().satisfies(x -> {
            assertThat(x.state()).isEqualTo(Outbox.State.DELIVERED);
            assertThat(x.attempts()).isEqualTo(2);
            assertThat(x.lastError()).isEqualTo("connection refused");
        });
    }

    @Test
    void retriesDoubleUpToAnHourThenExpire(@TempDir Path dir) throws Exception {
        Outbox o = new Outbox(dir.resolve("outbox.json"), clock, Duration.ofHours(6));
        Outbox.Item i = o.enqueue("email", note("low-battery", "Low battery", "rack"));
        long[] waits = new long[9];
        for (int k = 0; k < waits.length; k++) {
            o.failed(i.id(), "SMTP down");
            Instant next = o.all().get(0).nextAttempt();
            waits[k] = Duration.between(clock.instant(), next).toSeconds();
            clock.set(next);
            assertThat(o.due()).hasSize(1);
        }
        assertThat(waits).containsExactly(30, 60, 120, 240, 480, 960, 1920, 3600, 3600);
        clock.advance(Duration.ofHours(6));
        assertThat(o.due()).isEmpty();
        assertThat(o.all().get(0).state()).isEqualTo(Outbox.State.EXPIRED);
    }

    static Notification note(String type, String title, String message) {
        return Notification.of(NotifyType.of(type).orElseThrow(), "ups", title, message, java.util.Map.of(),
                java.time.Instant.parse("2026-01-01T00:00:00Z"));
    }
}
