package io.gridwatch.cli;

import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.client.UpsAddress;
import io.gridwatch.config.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch drill start|stop <ups>[@host[:port]]}: a simulated outage on a UPS fed by mains sensors, through
 * the NUT instant commands {@code drill.start [seconds]} and {@code drill.stop} (so {@code upscmd} can do it too).
 */
@Command(name = "drill", description = "Start or stop a drill (simulated outage) on a sentinel, gpio or command UPS.")
final class DrillCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ClientOptions connection;

    @Parameters(index = "0", paramLabel = "start|stop", description = "Start a drill, or stop the one running.")
    String action;

    @Parameters(index = "1", paramLabel = "<ups>", description = "upsname[@hostname[:port]]")
    String ups;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long (e.g. 10m).")
    String duration;

    @Mixin
    LoginOptions login;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!action.equals("start") && !action.equals("stop")) {
            err.println("Error: say start or stop");
            return 2;
        }
        try {
            String param = null;
            if (duration != null) {
                Duration d = Durations.parse(duration);
                param = Long.toString(Math.max(1, d.toSeconds()));
            }
            UpsAddress a = UpsAddress.parse(ups, true);
            try (NutSession s = login.open(connection, a)) {
                s.setTracking(true);
                String id = s.instCmd(a.ups(), "drill." + action, param);
                String result = Tracking.await(s, id, 10);
                if (!"SUCCESS".equals(result)) {
                    err.println("Error: " + (action.equals("start") ? "no drill started (one may be running already)"
                            : "no drill was running") + " on " + a.ups() + " (" + result + ")");
                    return 1;
                }
            }
            out.println("Drill " + (action.equals("start") ? "started" : "stopped") + " on " + a.ups()
                    + (duration != null && action.equals("start") ? " for " + duration : ""));
            return 0;
        } catch (NutException e) {
            err.println("Error: " + NutErrors.describe(e) + (e.error() == io.gridwatch.protocol.NutError.CMD_NOT_SUPPORTED
                    ? " (drills apply to sentinel, gpio and command UPSes)" : ""));
        } catch (IllegalArgumentException | IOException e) {
            err.println("Error: " + e.getMessage());
        }
        return 1;
    }
}
