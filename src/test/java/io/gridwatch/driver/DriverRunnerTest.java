package io.gridwatch.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.ManualClock;
import io.gridwatch.testing.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's loop on a fake clock: start-up retries with backoff, stale data, recovery, commands. */
class DriverRunnerTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final UpsHub hub = new UpsHub(clock, Duration.ofSeconds(15), null);
    final UpsName ups = UpsName.of("ups");

    /** A driver whose device can be switched off and on; counts calls. */
    static final class Flaky implements Driver {
        volatile boolean reachable = true;
        final AtomicInteger opens = new AtomicInteger();
        String status = "OL";

        public Reading open(boolean drilling) throws IOException {
            opens.incrementAndGet();
            return poll(drilling);
        }

        public Reading poll(boolean drilling) throws IOException {
            if (!reachable) {
                throw new IOException("no answer from the UPS");
            }
            return Reading.of(DeviceState.builder().set("ups.status", status).build());
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(2);
        }

        public CommandResult setVar(String var, String value) {
            status = value;
            return CommandResult.SUCCESS;
        }

        public CommandResult instCmd(String cmd, String param) {
            return CommandResult.UNKNOWN;
        }

        public void close() {
        }
    }

    final Flaky driver = new Flaky();
    final DriverRunner runner = new DriverRunner(ups, driver, hub, scheduler, Runnable::run);

    @AfterEach
    void tearDown() {
        hub.close();
    }

    Availability availability() {
        return hub.availability(hub.snapshot(ups));
    }

    @Test
    void connectsAndPolls() {
        hub.register(ups, null, runner);
        runner.start();
        scheduler.runDue();
        assertThat(availability()).isEqualTo(Availability.OK);
        driver.status = "OB";
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(hub.snapshot(ups).statusLine()).isEqualTo("OB");
    }

    @Test
    void unreachableAtStartIsNotConnectedAndRetriedWithBackoff() {
        hub.register(ups, null, runner);
        driver.reachable = false;
        runner.start();
        scheduler.runDue();
        assertThat(availability()).isEqualTo(Availability.DRIVER_NOT_CONNECTED);
        scheduler.advance(Duration.ofSeconds(15));
        assertThat(driver.opens.get()).as("tries at 0, 1, 3, 7, then every 4 s: 11 and 15 s").isEqualTo(6);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(driver.opens.get()).as("backoff capped at 4 s").isEqualTo(6 + 75);
        driver.reachable = true;
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(availability()).as("back within 5 s of the device answering again").isEqualTo(Availability.OK);
    }

    @Test
    void failurePollMakesDataStaleUntilTheDeviceAnswersAgain() {
        hub.register(ups, null, runner);
        runner.start();
        scheduler.runDue();
        driver.reachable = false;
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(availability()).isEqualTo(Availability.DATA_STALE);
        driver.reachable = true;
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(availability()).isEqualTo(Availability.OK);
    }

    @Test
    void commandsReachTheDriverAndTheNewStateIsPublished() throws Exception {
        hub.register(ups, null, runner);
        runner.start();
        scheduler.runDue();
        assertThat(runner.setVar("ups.status", "OB LB").get()).isEqualTo(CommandResult.SUCCESS);
        assertThat(hub.snapshot(ups).statusLine()).isEqualTo("OB LB");
        assertThat(runner.instCmd("load.off", null).get()).isEqualTo(CommandResult.UNKNOWN);
    }

    @Test
    void commandsFailWhileTheDeviceIsUnreachable() throws Exception {
        hub.register(ups, null, runner);
        driver.reachable = false;
        runner.start();
        scheduler.runDue();
        assertThat(runner.setVar("ups.status", "OB").get()).isEqualTo(CommandResult.FAILED);
    }

    @Test
    void closingTheRunnerDisconnectsTheUps() {
        hub.register(ups, null, runner);
        runner.start();
        scheduler.runDue();
        runner.close();
        assertThat(availability()).isEqualTo(Availability.DRIVER_NOT_CONNECTED);
        assertThat(scheduler.pending()).isZero();
    }
}
