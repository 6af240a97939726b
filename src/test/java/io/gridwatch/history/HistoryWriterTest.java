package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.ManualClock;
import io.gridwatch.testing.ManualScheduler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against a locked SQLite database (another process holding an exclusive transaction): the readings
 * wait in memory, nothing else is affected, and once the lock is gone they are all written.
 */
class HistoryWriterTest {
    @Test
    void aLockedDatabaseDelaysHistoryAndLosesNothing(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
        UpsName rack = UpsName.of("rack");
        try (HistoryStore store = HistoryStore.open(url, null, null);
             UpsHub hub = new UpsHub(clock, Duration.ofSeconds(15), Duration.ofSeconds(30))) {
            hub.register(rack, null, new CommandSink() {
                @Override
                public CompletableFuture<CommandResult> setVar(String var, String value) {
                    return CompletableFuture.completedFuture(CommandResult.UNKNOWN);
                }

                @Override
                public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
                    return CompletableFuture.completedFuture(CommandResult.UNKNOWN);
                }
            });
            HistorySettings settings = new HistorySettings(true, url, null, null, Duration.ofSeconds(5),
                    List.of("ups.load"), Map.of(Tier.RAW, Duration.ofDays(7)));
            HistoryWriter writer = new HistoryWriter(store, settings, hub, new ManualScheduler(clock), clock);
            hub.update(rack, DeviceState.builder().set("ups.status", "OL").set("ups.load", "10").build());
            writer.sampleAndWrite();
            assertThat(writer.buffered()).isZero();

            try (Connection lock = DriverManager.getConnection(url)) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("INSERT INTO series (id, ups, var) VALUES (999, 'x', 'y')"); // holds the write lock
                clock.advance(Duration.ofSeconds(5));
                hub.update(rack, DeviceState.builder().set("ups.status", "OL").set("ups.load", "20").build());
                writer.sampleAndWrite();
                assertThat(writer.buffered()).as("the reading waits in memory").isEqualTo(1);
                lock.rollback();
            }
            clock.advance(Duration.ofSeconds(5));
            hub.update(rack, DeviceState.builder().set("ups.status", "OL").set("ups.load", "30").build());
            writer.sampleAndWrite();
            assertThat(writer.buffered()).isZero();
            assertThat(store.query("rack", "ups.load", clock.instant().minusSeconds(60), clock.instant().plusSeconds(1),
                    Tier.RAW)).extracting(HistoryStore.Point::avg).containsExactly(10.0, 20.0, 30.0);
            writer.close();
        }
    }
}
