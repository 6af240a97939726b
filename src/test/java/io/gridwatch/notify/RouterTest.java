package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsEvent;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsStatus;
import io.gridwatch.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From hub events to outbox entries, on a fake clock: which event is which notification (drill-caused ones
 * marked, the restore after a drill too), each channel's switches, templates, and rate limits that hold back
 * repeats and say how many were held back.
 */
class RouterTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final UpsName RACK = UpsName.of("rack");

    private final EventMapper mapper = new EventMapper(n -> Optional.empty(), () -> ZoneId.of("Europe/Berlin"));

    private static ChannelSpec.Webhook hook(String name, Set<NotifyType> events, boolean drills) {
        return new ChannelSpec.Webhook(name, events, drills, java.net.URI.create("http://127.0.0.1:1/"), Map.of(), null);
    }

    private static UpsEvent.StatusChanged status(String from, String to, Instant at) {
        return new UpsEvent.StatusChanged(RACK, at, UpsStatus.parse(from), UpsStatus.parse(to));
    }

    private List<NotifyType> types(UpsEvent e) {
        return mapper.map(e).stream().map(Notification::type).toList();
    }

    @Test
    void statusChangesBecomeThePowerNotifications() {
        assertThat(types(status("OL", "OB DISCHRG", T0))).containsExactly(NotifyType.POWER_LOST);
        assertThat(types(status("OB DISCHRG", "OB DISCHRG LB", T0))).containsExactly(NotifyType.LOW_BATTERY);
        Notification back = mapper.map(status("OB LB", "OL CHRG", T0.plusSeconds(600))).get(0);
        assertThat(back.type()).isEqualTo(NotifyType.POWER_RESTORED);
        assertThat(back.message()).isEqualTo("rack is back on line power at 2026-11-21 11:10:00 after 10 min on battery.");
        assertThat(types(status("OL", "OL RB", T0))).containsExactly(NotifyType.REPLACE_BATTERY);
        assertThat(types(status("OL CHRG", "OL", T0))).isEmpty();
        assertThat(types(new UpsEvent.FsdSet(RACK, T0, "upsmon-primary"))).containsExactly(NotifyType.FSD);
        assertThat(types(new UpsEvent.CommLost(RACK, T0, io.gridwatch.hub.Availability.DATA_STALE, "no answer")))
                .containsExactly(NotifyType.COMM_LOST);
    }

    @Test
    void theServerStoppingIsNoLossOfContactAndItsNextStartNoContactIsBack(@TempDir Path dir) {
        Path memory = dir.resolve("notify-memory.json");
        EventMapper running = new EventMapper(n -> Optional.empty(), () -> ZoneId.of("UTC"), NotifyMemory.open(memory));
        assertThat(running.map(new UpsEvent.CommRestored(RACK, T0))).as("first contact after a start").isEmpty();
        assertThat(running.map(new UpsEvent.CommLost(RACK, T0.plusSeconds(60),
                io.gridwatch.hub.Availability.DRIVER_NOT_CONNECTED, io.gridwatch.hub.UpsHub.DRIVER_STOPPED)))
                .as("the server stopping").isEmpty();
        EventMapper restarted = new EventMapper(n -> Optional.empty(), () -> ZoneId.of("UTC"), NotifyMemory.open(memory));
        assertThat(restarted.map(new UpsEvent.CommRestored(RACK, T0.plusSeconds(120))))
                .as("the next start's first contact is not 'contact is back'").isEmpty();

        assertThat(restarted.map(new UpsEvent.CommLost(RACK, T0.plusSeconds(130),
                io.gridwatch.hub.Availability.DATA_STALE, "no answer"))).extracting(Notification::type)
                .containsExactly(NotifyType.COMM_LOST);
        restarted.map(new UpsEvent.CommLost(RACK, T0.plusSeconds(140),
                io.gridwatch.hub.Availability.DRIVER_NOT_CONNECTED, io.gridwatch.hub.UpsHub.DRIVER_STOPPED));
        EventMapper again = new EventMapper(n -> Optional.empty(), () -> ZoneId.of("UTC"), NotifyMemory.open(memory));
        assertThat(again.map(new UpsEvent.CommRestored(RACK, T0.plusSeconds(200)))).extracting(Notification::type)
                .as("contact really lost before the stop: back is news").containsExactly(NotifyType.COMM_RESTORED);
    }

    @Test
    void aClientShuttingDownIsToldOnceAndSilenceIsStaleOrOffline() {
        ClientState pending = new ClientState("nas", "10.0.0.5", ClientState.State.SHUTDOWN_PENDING, 60, 120, T0, "agent", true);
        ClientState down = new ClientState("nas", "10.0.0.5", ClientState.State.SHUTTING_DOWN, null, 120, T0, "agent", true);
        assertThat(types(new UpsEvent.ClientChanged(RACK, T0, pending))).isEmpty();
        assertThat(types(new UpsEvent.ClientChanged(RACK, T0, down))).containsExactly(NotifyType.CLIENT_SHUTDOWN);
        assertThat(types(new UpsEvent.ClientChanged(RACK, T0, down))).as("a repeated report").isEmpty();
        assertThat(types(new UpsEvent.ClientStale(RACK, T0, "pi", Duration.ofMinutes(6))))
                .containsExactly(NotifyType.CLIENT_STALE);
        assertThat(types(new UpsEvent.ClientOffline(RACK, T0, "nas", Duration.ofMinutes(4))))
                .containsExactly(NotifyType.CLIENT_OFFLINE);
    }

    @Test
    void aDrillsOutageIsMarkedAndSoIsTheRestoreThatFollowsIt() {
        mapper.map(new UpsEvent.DrillStarted(RACK, T0, "admin"));
        Notification lost = mapper.map(status("OL", "OB", T0)).get(0);
        assertThat(lost.drill()).isTrue();
        assertThat(lost.title()).isEqualTo("[drill] Power lost: rack is on battery");
        mapper.map(new UpsEvent.DrillStopped(RACK, T0.plusSeconds(60), "admin"));
        Notification back = mapper.map(status("OB", "OL", T0.plusSeconds(61))).get(0);
        assertThat(back.drill()).as("the restore arrives after the drill stopped").isTrue();
        assertThat(mapper.map(status("OL", "OB", T0.plusSeconds(3600))).get(0).drill()).as("a real one").isFalse();
    }

    @Test
    void channelsGetWhatTheyAreSwitchedOnFor(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(T0);
        Outbox outbox = new Outbox(dir.resolve("o.json"), clock, Duration.ofDays(1));
        NotifySettings s = new NotifySettings(List.of(
                hook("phone", EnumSet.of(NotifyType.POWER_LOST, NotifyType.LOW_BATTERY), false),
                hook("ops", EnumSet.of(NotifyType.POWER_LOST), true),
                hook("quiet", EnumSet.of(NotifyType.REPORT), true)), Map.of(), Map.of(), Duration.ofDays(1),
                NotifySettings.none().reports());
        Router router = new Router(() -> s, outbox, clock);
        Notification lost = Notification.of(NotifyType.POWER_LOST, "rack", "Power lost", "m", Map.of(), T0);
        assertThat(router.route(lost)).extracting(Outbox.Item::channel).containsExactly("phone", "ops");
        assertThat(router.route(lost.withDrill(true))).as("drills only where switched on")
                .extracting(Outbox.Item::channel).containsExactly("ops");
        assertThat(router.route(Notification.of(NotifyType.FSD, "rack", "FSD", "m", Map.of(), T0))).isEmpty();
        assertThat(router.test("quiet", "admin")).get().satisfies(i -> {
            assertThat(i.type()).isEqualTo("test");
            assertThat(i.body()).contains("'quiet' (webhook)", "sent by admin");
        });
        assertThat(router.test("nope", "admin")).isEmpty();
    }

    @Test
    void templatesFillInTheEventsDetails(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(T0);
        Outbox outbox = new Outbox(dir.resolve("o.json"), clock, Duration.ofDays(1));
        NotifySettings s = new NotifySettings(List.of(hook("phone", EnumSet.allOf(NotifyType.class), true)), Map.of(),
                Map.of(NotifyType.POWER_LOST, new NotifySettings.Template("⚡ {ups} on battery ({charge} %)",
                        "Status {status}; {unknown} stays as written.")), Duration.ofDays(1),
                NotifySettings.none().reports());
        Router router = new Router(() -> s, outbox, clock);
        Outbox.Item i = router.route(Notification.of(NotifyType.POWER_LOST, "rack", "Power lost", "m",
                Map.of("charge", "87", "status", "OB DISCHRG"), T0).withDrill(true)).get(0);
        assertThat(i.title()).isEqualTo("[drill] ⚡ rack on battery (87 %)");
        assertThat(i.body()).isEqualTo("Status OB DISCHRG; {unknown} stays as written.");
        Outbox.Item other = router.route(Notification.of(NotifyType.LOW_BATTERY, "rack", "Low battery", "m", Map.of(),
                T0)).get(0);
        assertThat(other.title()).as("no template: the built-in words").isEqualTo("Low battery");
    }

    @Test
    void applicationErrorsAtMostOnceAnHourPerDefaultWithACountOfTheRest(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(T0);
        Outbox outbox = new Outbox(dir.resolve("o.json"), clock, Duration.ofDays(1));
        NotifySettings s = new NotifySettings(List.of(hook("ops", EnumSet.of(NotifyType.APP_ERROR,
                NotifyType.POWER_LOST), false)), NotifySettings.none().rateLimits(), Map.of(), Duration.ofDays(1),
                NotifySettings.none().reports());
        Router router = new Router(() -> s, outbox, clock);
        Notification err = Notification.of(NotifyType.APP_ERROR, null, "Gridwatch error", "disk full", Map.of(), T0);
        assertThat(router.route(err)).hasSize(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(router.route(err)).isEmpty();
        assertThat(router.route(err)).isEmpty();
        clock.advance(Duration.ofMinutes(49));
        assertThat(router.route(err)).as("59 min after the first").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<Outbox.Item> again = router.route(err);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).body()).endsWith("(3 more like this were held back by the rate limit since the last one.)");
        Notification lost = Notification.of(NotifyType.POWER_LOST, "rack", "Power lost", "m", Map.of(), T0);
        assertThat(router.route(lost)).as("no limit on power-lost by default").hasSize(1);
        assertThat(router.route(lost)).hasSize(1);
    }

    @Test
    void aRateLimitIsPerUpsAndHost(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(T0);
        Outbox outbox = new Outbox(dir.resolve("o.json"), clock, Duration.ofDays(1));
        NotifySettings s = new NotifySettings(List.of(hook("ops", EnumSet.of(NotifyType.CLIENT_STALE), false)),
                Map.of(NotifyType.CLIENT_STALE, Duration.ofMinutes(30)), Map.of(), Duration.ofDays(1),
                NotifySettings.none().reports());
        Router router = new Router(() -> s, outbox, clock);
        assertThat(router.route(Notification.of(NotifyType.CLIENT_STALE, "rack", "nas", "m", Map.of("host", "nas"), T0)))
                .hasSize(1);
        assertThat(router.route(Notification.of(NotifyType.CLIENT_STALE, "rack", "pi", "m", Map.of("host", "pi"), T0)))
                .as("another host").hasSize(1);
        assertThat(router.route(Notification.of(NotifyType.CLIENT_STALE, "rack", "nas", "m", Map.of("host", "nas"), T0)))
                .isEmpty();
    }
}
