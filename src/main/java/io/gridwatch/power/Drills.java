package io.gridwatch.power;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.CommandSink;
import io.gridwatch.hub.DrillInfo;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Drill control: simulated outages on the UPSes whose driver models the power itself (mains sensors). A drill
 * starts and stops from the API, the CLI, a schedule or NUT's INSTCMD ({@code drill.start [seconds]},
 * {@code drill.stop}); each time, the driver is asked to read its state again at once, so the drill shows
 * without waiting for its next poll. The drill itself is part of the UPS's state, in the hub. Thread-safe.
 */
public final class Drills {
    /** The instant commands a drillable UPS answers. */
    public static final String START = "drill.start";
    public static final String STOP = "drill.stop";

    private final UpsHub hub;

    public Drills(UpsHub hub) {
        this.hub = hub;
    }

    /** Starts a drill, until {@code until} (null: until stopped); false when one runs or drills do not apply. */
    public boolean start(UpsName ups, String by, Instant until) {
        boolean started = hub.setDrill(ups, new DrillInfo(hub.clock().instant(), by, until), by);
        if (started) {
            hub.refresh(ups);
        }
        return started;
    }

    /** Ends the drill; false when none was running. */
    public boolean stop(UpsName ups, String by) {
        boolean stopped = hub.setDrill(ups, null, by);
        if (stopped) {
            hub.refresh(ups);
        }
        return stopped;
    }

    /**
     * The command sink for a drillable UPS: answers the drill commands (FAILED when there is nothing to start or
     * stop, INVALID-ARGUMENT for a duration that is not a positive number of seconds; SUCCESS once the driver
     * has read its state again) and passes every other command on to {@code driver}.
     */
    public CommandSink commands(UpsName ups, CommandSink driver) {
        return new CommandSink() {
            @Override
            public CompletableFuture<CommandResult> setVar(String var, String value) {
                return driver.setVar(var, value);
            }

            @Override
            public CompletableFuture<CommandResult> instCmd(String cmd, String param) {
                return instCmd(cmd, param, null);
            }

            @Override
            public CompletableFuture<CommandResult> instCmd(String cmd, String param, String by) {
                if (!cmd.equalsIgnoreCase(START) && !cmd.equalsIgnoreCase(STOP)) {
                    return driver.instCmd(cmd, param, by);
                }
                CommandResult r = command(ups, cmd, param, by);
                return r == CommandResult.SUCCESS ? driver.refresh().handle((v, ex) -> r)
                        : CompletableFuture.completedFuture(r);
            }

            @Override
            public CompletableFuture<Void> refresh() {
                return driver.refresh();
            }
        };
    }

    private CommandResult command(UpsName ups, String cmd, String param, String by) {
        if (cmd.equalsIgnoreCase(STOP)) {
            return hub.setDrill(ups, null, by) ? CommandResult.SUCCESS : CommandResult.FAILED;
        }
        Instant until = null;
        if (param != null) {
            try {
                long seconds = Long.parseLong(param.trim());
                if (seconds <= 0) {
                    return CommandResult.INVALID_ARGUMENT;
                }
                until = hub.clock().instant().plusSeconds(seconds);
            } catch (NumberFormatException ex) {
                return CommandResult.INVALID_ARGUMENT;
            }
        }
        Instant now = hub.clock().instant();
        return hub.setDrill(ups, new DrillInfo(now, by, until), by) ? CommandResult.SUCCESS : CommandResult.FAILED;
    }
}
