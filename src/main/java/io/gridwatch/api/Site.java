package io.gridwatch.api;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.journal.EventJournal;
import io.gridwatch.hub.UpsHub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * What the HTTP side needs from the running server, implemented by the composition root: the hub and the
 * trackers around it, the configuration in force and the way to change it, and the actions that are not hub
 * calls (waking a host). Implementations are thread-safe.
 */
public interface Site {
    UpsHub hub();

    ClientTracker clients();

    EventJournal journal();

    /** The configuration in force now. */
    GridwatchConfig config();

    /** The configuration file's current text (it may hold changes not yet in force: see {@link Applied}). */
    String configText() throws IOException;

    /**
     * Validates {@code text} as a whole; if it is good, keeps the old file as a backup, replaces the file
     * atomically and puts into force what can be changed while running. A bad text changes nothing.
     */
    Applied applyConfig(String text, String by) throws ConfigException, IOException;

    /**
     * Wakes a configured host now: sends a magic packet unless it already answers its probe. Empty when there is no
     * such host with a MAC; otherwise what was done and why.
     */
    java.util.Optional<io.gridwatch.recovery.RecoveryPlanner.ManualWake> wake(String host, String by);

    /**
     * Proves an agentless host's SSH login (host key, authentication) without running anything on it; empty when the
     * host has no {@code shutdown.ssh}.
     */
    java.util.Optional<java.util.concurrent.CompletableFuture<io.gridwatch.agentless.SshOutcome>> sshCheck(String host);

    /** Why the process should be restarted (NUT not answering, a stuck event loop, no heap left); empty: alive. */
    List<String> livenessProblems();

    /** Liveness problems and what works only in part (history, the event archive); empty: ready. */
    List<String> readinessProblems();

    /** How this server stands in its site (alone, leading, following, cut off from the shared database). */
    io.gridwatch.coordination.Coordinator.Status coordination();

    /** History, once open; empty when disabled, still opening, or unavailable. */
    java.util.Optional<io.gridwatch.history.HistoryStore> history();

    /** Notifications: outbox, channels, tests. */
    io.gridwatch.notify.Notifier notifier();

    /** Where the NUT server listens. */
    List<InetSocketAddress> nutAddresses();

    /** What happened to a configuration change. */
    record Applied(Path file, Path backup, List<String> applied, List<String> restartRequired) {
    }
}
