package io.gridwatch.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The agent's settings, checked as a whole and frozen: the UPSes it monitors (upsmon's MONITOR lines), the
 * shutdown policy, the optional hub, hooks, notifications, timers and the shutdown command. Immutable.
 *
 * @param file     the file it came from (null when built in code)
 * @param host     this machine's name at the hub
 * @param monitors at least one
 */
public record AgentConfig(Path file, String host, List<Monitor> monitors, int minSupplies, Timing timing,
                          Policy policy, Hub hub, List<Hook> hooks, Notify notifyCommand, List<Timer> timers,
                          List<String> shutdownCommand) {

    public AgentConfig {
        monitors = List.copyOf(monitors);
        hooks = List.copyOf(hooks);
        timers = List.copyOf(timers);
        shutdownCommand = List.copyOf(shutdownCommand);
    }

    /**
     * One monitored UPS, as upsmon's {@code MONITOR ups@host:port powervalue user password primary|secondary}.
     *
     * @param failover the same UPS as other servers of the site serve it, tried in order when the current one does not
     *                 answer; the UPS keeps its {@link #id} (and its countdown) across a switch
     */
    public record Monitor(String ups, String host, int port, int powerValue, String user, String password,
                          boolean primary, List<Endpoint> failover) {
        public Monitor {
            failover = List.copyOf(failover);
        }

        public Monitor(String ups, String host, int port, int powerValue, String user, String password,
                       boolean primary) {
            this(ups, host, port, powerValue, user, password, primary, List.of());
        }

        /** Where the UPS is read: its own address first, then the failover servers. */
        public List<Endpoint> endpoints() {
            List<Endpoint> out = new java.util.ArrayList<>(List.of(new Endpoint(ups, host, port)));
            out.addAll(failover);
            return out;
        }

        public String id() {
            return ups + "@" + host + (port == 3493 ? "" : ":" + port);
        }

        @Override
        public String toString() { // never the password
            return id() + (failover.isEmpty() ? "" : " (failover: " + failover.stream().map(Endpoint::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")") + " (" + (primary ? "primary"
                    : "secondary") + ", power value " + powerValue + ")";
        }
    }

    /** A UPS as one server serves it: {@code ups@host:port}. */
    public record Endpoint(String ups, String host, int port) {
        @Override
        public String toString() {
            return ups + "@" + host + (port == 3493 ? "" : ":" + port);
        }
    }

    /** upsmon's timing knobs. */
    public record Timing(Duration poll, Duration pollOnBattery, Duration deadtime, Duration hostsync,
                         Duration finalDelay, Duration obLbDuration, Duration nocommWarn, Duration replbattWarn,
                         Duration connectTimeout) {
    }

    /**
     * The seed's and Gridwatch's own rules on top of NUT's.
     *
     * @param shutdownDelay how long after the power fails this machine shuts down (null: only NUT's rules); the
     *                      hub's value for this host wins when a hub is configured and answers
     * @param minCharge     on battery with less charge than this (percent): shut down; 0 = off
     * @param minRuntime    on battery with less runtime than this: shut down; zero = off
     */
    public record Policy(Duration shutdownDelay, boolean ignoreDrills, int minCharge, Duration minRuntime,
                         Duration restoreAfter) {
    }

    /** The Gridwatch server this agent reports to (null in {@link AgentConfig#hub()} when none). */
    public record Hub(URI url, String token, Duration heartbeat, boolean trustAnyCertificate) {
        @Override
        public String toString() { // never the token
            return url.toString();
        }
    }

    /** A pre-shutdown hook: a command run, in order, before the shutdown command. */
    public record Hook(String name, List<String> command, Duration timeout) {
    }

    /** NOTIFYCMD: a command run for these notification types (all when empty). */
    public record Notify(List<String> command, Set<String> types) {
    }

    /** An upssched-style timer: started by some notifications, cancelled by others, runs a command on expiry. */
    public record Timer(String name, Set<String> startOn, Set<String> cancelOn, Duration after, List<String> command,
                        String ups) {
    }
}
