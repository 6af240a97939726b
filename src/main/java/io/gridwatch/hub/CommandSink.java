package io.gridwatch.hub;

import java.util.concurrent.CompletableFuture;

/**
 * Where the hub sends SET VAR and INSTCMD for one UPS: its driver runner. Values have been checked against
 * the variable's type, ENUM and RANGE before they get here. Implementations must not block the caller.
 */
public interface CommandSink {
    CompletableFuture<CommandResult> setVar(String var, String value);

    /** {@code param} is null when the command has no parameter. */
    CompletableFuture<CommandResult> instCmd(String cmd, String param);

    /** As {@link #instCmd(String, String)}, for a sink that records who asked ({@code by}: user@address). */
    default CompletableFuture<CommandResult> instCmd(String cmd, String param, String by) {
        return instCmd(cmd, param);
    }

    /**
     * Reads the device again now, because something it reports changed outside it (a drill started); completes
     * once the hub holds the new state.
     */
    default CompletableFuture<Void> refresh() {
        return CompletableFuture.completedFuture(null);
    }
}
