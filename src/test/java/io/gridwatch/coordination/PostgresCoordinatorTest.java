package io.gridwatch.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The site's lease and the once-only records against a real PostgreSQL (the machine's, or the one the test suite
 * starts): one leader at a time, a crashed one replaced within the lease and a quarter, a deposed one unable to
 * claim anything (fencing), work done by one not done again by the next, work claimed but not finished done again.
 */
class PostgresCoordinatorTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private final String site = "test-" + UUID.randomUUID();
    private final List<PostgresCoordinator> open = new ArrayList<>();

    private PostgresCoordinator server(String name) {
        Postgres.Server pg = Postgres.get();
        PostgresCoordinator c = new PostgresCoordinator(new CoordinationSettings(site, name, pg.url(), pg.user(), null,
                LEASE, Duration.ofSeconds(30)));
        open.add(c);
        return c;
    }

    @AfterEach
    void close() {
        open.forEach(PostgresCoordinator::close);
    }

    @Test
    void oneLeadsAndTheOtherFollowsNamingIt() {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        assertThat(a.leading()).isTrue();
        assertThat(b.leading()).isFalse();
        assertThat(b.status().role()).isEqualTo("follower");
        assertThat(b.status().leader()).isEqualTo("a");
        assertThat(a.status().role()).isEqualTo("leader");
        assertThat(b.claim("notify", "k", Instant.now(), "b-1")).isEqualTo(Coordinator.Decision.NOT_LEADING);
    }

    @Test
    void aCrashedLeaderIsReplacedWithinTheLeaseAndAQuarter() {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        long tokenBefore = a.status().token();
        long killed = System.nanoTime();
        a.crash();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(b::leading);
        long ms = (System.nanoTime() - killed) / 1_000_000;
        assertThat(ms).as("ms from the crash to the new leader").isLessThanOrEqualTo(
                LEASE.toMillis() + LEASE.toMillis() / 4 + 500);
        assertThat(b.status().token()).as("a new holder gets a new fencing token").isGreaterThan(tokenBefore);
    }

    @Test
    void aLeaderThatStopsCleanlyHandsOverAtOnce() {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        a.close();
        b.renew();
        assertThat(b.leading()).as("the lease was given up: no need to wait for it to run out").isTrue();
    }

    @Test
    void aDeposedLeaderCannotClaimEvenBeforeItNoticesItLostTheLease() throws Exception {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        // a is cut off long enough for its lease to run out in the database, and b takes it (a's own renewals are
        // held off meanwhile: they are what a cut-off leader cannot do)
        synchronized (a) {
            try (Connection c = Postgres.get().connect();
                 PreparedStatement p = c.prepareStatement(
                         "UPDATE gridwatch_lease SET expires = now() - interval '1 second' WHERE site = ?")) {
                p.setString(1, site);
                p.executeUpdate();
            }
            b.renew();
            assertThat(b.leading()).isTrue();
            assertThat(a.leading()).as("a still thinks it leads: its own clock has not run out yet").isTrue();
            assertThat(a.claim("notify", "ops|power-lost|grid", Instant.now(), "a-1"))
                    .as("the token check refuses it").isEqualTo(Coordinator.Decision.NOT_LEADING);
            assertThat(a.leading()).isFalse();
        }
        assertThat(b.claim("notify", "ops|power-lost|grid", Instant.now(), "b-1")).isEqualTo(Coordinator.Decision.DO);
    }

    @Test
    void whatOneLeaderDidTheNextDoesNotDoAgainAndWhatItLeftUnfinishedItDoes() {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        Instant t0 = Instant.parse("2026-12-04T03:00:00Z");
        assertThat(a.claim("notify", "ops|power-lost|grid", t0, "a-1")).isEqualTo(Coordinator.Decision.DO);
        a.done("a-1");
        assertThat(a.claim("wake", "nas#1", t0, "a-2")).isEqualTo(Coordinator.Decision.DO); // sent? it died first
        a.crash();
        await().atMost(Duration.ofSeconds(10)).until(b::leading);
        assertThat(b.claim("notify", "ops|power-lost|grid", t0.plusSeconds(2), "b-1"))
                .as("the same power loss, seen by b 2 s later").isEqualTo(Coordinator.Decision.DONE_ELSEWHERE);
        assertThat(b.claim("wake", "nas#1", t0.plusSeconds(1), "b-2"))
                .as("claimed but never marked done: b does it").isEqualTo(Coordinator.Decision.DO);
        assertThat(b.claim("notify", "ops|power-lost|grid", t0.plusSeconds(5), "b-3"))
                .as("a second power loss: a's record matched one already").isEqualTo(Coordinator.Decision.DO);
        assertThat(b.claim("notify", "ops|power-lost|grid", t0.plusSeconds(600), "b-4"))
                .as("outside the window: another event").isEqualTo(Coordinator.Decision.DO);
        assertThat(b.claim("notify", "ops|power-lost|grid", t0.plusSeconds(5), "b-3"))
                .as("a retry of b's own claim").isEqualTo(Coordinator.Decision.DO);
        b.done("b-3");
        assertThat(b.claim("notify", "ops|power-lost|grid", t0.plusSeconds(5), "b-3"))
                .as("b's own, done before a restart").isEqualTo(Coordinator.Decision.DONE_ELSEWHERE);
    }

    @Test
    void aFollowerLearnsWhatTheLeaderSentEachOnce() {
        PostgresCoordinator a = server("a");
        PostgresCoordinator b = server("b");
        Instant t0 = Instant.parse("2026-12-04T03:00:00Z");
        assertThat(b.doneBy("notify", "ops|power-lost|grid", t0)).as("nothing sent yet").isNull();
        assertThat(a.claim("notify", "ops|power-lost|grid", t0, "a-1")).isEqualTo(Coordinator.Decision.DO);
        assertThat(b.doneBy("notify", "ops|power-lost|grid", t0)).as("claimed, not sent yet").isNull();
        a.done("a-1");
        assertThat(b.doneBy("notify", "ops|power-lost|grid", t0.plusSeconds(3))).isEqualTo("a");
        assertThat(b.doneBy("notify", "ops|power-lost|grid", t0.plusSeconds(4))).as("matched once only").isNull();
    }
}
