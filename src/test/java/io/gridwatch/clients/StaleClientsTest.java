package io.gridwatch.clients;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A machine that stops reporting is announced once as stale; its next report re-arms the warning. */
class StaleClientsTest {
    @Test
    void silenceBecomesOneEventUntilTheNextReport() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
        try (UpsHub hub = new UpsHub(clock, Duration.ofSeconds(15), Duration.ofSeconds(30));
             ClientTracker clients = new ClientTracker(hub)) {
            List<UpsEvent.ClientStale> seen = new CopyOnWriteArrayList<>();
            List<UpsEvent.ClientOffline> off = new CopyOnWriteArrayList<>();
            hub.subscribe("test", e -> {
                if (e instanceof UpsEvent.ClientStale s) {
                    seen.add(s);
                } else if (e instanceof UpsEvent.ClientOffline o) {
                    off.add(o);
                }
            });
            StaleClients stale = new StaleClients(hub, clients, clock, () -> Duration.ofSeconds(150),
                    () -> Duration.ofSeconds(180));
            UpsName ups = UpsName.of("grid");
            hub.register(ups, null, new CommandSink() {
                @Override
                public java.util.concurrent.CompletableFuture<CommandResult> setVar(String var, String value) {
                    return java.util.concurrent.CompletableFuture.completedFuture(CommandResult.UNKNOWN);
                }

                @Override
                public java.util.concurrent.CompletableFuture<CommandResult> instCmd(String cmd, String param) {
                    return java.util.concurrent.CompletableFuture.completedFuture(CommandResult.UNKNOWN);
                }
            });
            clients.report(ups, new ClientState("nas", "10.0.0.5", ClientState.State.ONLINE, null, 600, clock.instant(),
                    "agent", true));
            clock.advance(Duration.ofSeconds(150));
            stale.check();
            clock.advance(Duration.ofSeconds(1));
            stale.check();
            stale.check();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            assertThat(seen.get(0).host()).isEqualTo("nas");
            assertThat(seen.get(0).silentFor()).isEqualTo(Duration.ofSeconds(151));
            assertThat(EventText.message(seen.get(0))).isEqualTo("host nas has not reported for 151 s (stale)");
            assertThat(EventText.level(seen.get(0))).isEqualTo(EventText.Level.WARNING);

            clients.report(ups, new ClientState("nas", "10.0.0.5", ClientState.State.ONLINE, null, 600, clock.instant(),
                    "agent", true));
            clock.advance(Duration.ofSeconds(200));
            stale.check();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
            clients.report(ups, new ClientState("nas", "10.0.0.5", ClientState.State.SHUTTING_DOWN, null, 600,
                    clock.instant(), "agent", true));
            clock.advance(Duration.ofSeconds(200));
            stale.check();
            await().atMost(Duration.ofSeconds(5)).until(() -> off.size() == 1);
            assertThat(seen).as("a machine shutting down goes offline, not stale").hasSize(2);
            assertThat(off.get(0).host()).isEqualTo("nas");
            assertThat(EventText.message(off.get(0))).isEqualTo("host nas is off (silent for 200 s after shutting down)");
            stale.check();
            assertThat(off).as("announced once").hasSize(1);
        }
    }
}
