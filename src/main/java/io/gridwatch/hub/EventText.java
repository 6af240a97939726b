package io.gridwatch.hub;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Words for hub events, shared by the log, the event journal and notifications: a short type name
 * ({@code status}, {@code drill-started}...), a severity, and a sentence a person can read. Stateless.
 */
public final class EventText {
    /** How much an event matters to someone watching the site. */
    public enum Level { INFO, WARNING }

    private EventText() {
    }

    /** The type name, as filtered on in the API ({@code ?type=}). */
    public static String type(UpsEvent e) {
        return switch (e) {
            case UpsEvent.StateChanged x -> "state";
            case UpsEvent.StatusChanged x -> "status";
            case UpsEvent.CommLost x -> "comm-lost";
            case UpsEvent.CommRestored x -> "comm-restored";
            case UpsEvent.FsdSet x -> "fsd";
            case UpsEvent.FsdCleared x -> "fsd-released";
            case UpsEvent.CommandRequested x -> "command-requested";
            case UpsEvent.SensorChanged x -> "sensor";
            case UpsEvent.DrillStarted x -> "drill-started";
            case UpsEvent.DrillStopped x -> "drill-stopped";
            case UpsEvent.WakePlanned x -> "wake-planned";
            case UpsEvent.WakeCancelled x -> "wake-cancelled";
            case UpsEvent.WakeFinished x -> "wake-finished";
            case UpsEvent.WakeSent x -> "wake-sent";
            case UpsEvent.HostAwake x -> "host-awake";
            case UpsEvent.WakeFailed x -> "wake-failed";
            case UpsEvent.ClientChanged x -> "client";
            case UpsEvent.ClientStale x -> "client-stale";
            case UpsEvent.ClientOffline x -> "client-offline";
            case UpsEvent.CommandFinished x -> "command";
        };
    }

    public static Level level(UpsEvent e) {
        return switch (e) {
            case UpsEvent.StatusChanged s -> s.to().onBattery() || s.to().lowBattery() ? Level.WARNING : Level.INFO;
            case UpsEvent.CommLost x -> UpsHub.DRIVER_STOPPED.equals(x.reason()) ? Level.INFO : Level.WARNING;
            case UpsEvent.FsdSet x -> Level.WARNING;
            case UpsEvent.SensorChanged s -> s.sensor().up() ? Level.INFO : Level.WARNING;
            case UpsEvent.DrillStarted x -> Level.WARNING;
            case UpsEvent.WakeFailed x -> Level.WARNING;
            case UpsEvent.WakeFinished f -> f.failed().isEmpty() ? Level.INFO : Level.WARNING;
            case UpsEvent.ClientStale x -> Level.WARNING;
            case UpsEvent.ClientChanged c -> c.client().state() == ClientState.State.WOL_FAILED
                    || c.client().state() == ClientState.State.SHUTDOWN_FAILED ? Level.WARNING
                    : Level.INFO;
            case UpsEvent.CommandFinished c -> c.result() == CommandResult.SUCCESS ? Level.INFO : Level.WARNING;
            default -> Level.INFO;
        };
    }

    /** A sentence, without the UPS name (shown beside it). */
    public static String message(UpsEvent event) {
        return switch (event) {
            case UpsEvent.StateChanged e -> "state changed";
            case UpsEvent.StatusChanged e -> "status " + status(e.from()) + " -> " + status(e.to());
            case UpsEvent.CommLost e -> "data " + e.availability().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (" + e.reason() + ")";
            case UpsEvent.CommRestored e -> "data fresh again";
            case UpsEvent.FsdSet e -> "forced shutdown (FSD) set by " + e.by();
            case UpsEvent.FsdCleared e -> "FSD latch released: " + e.why();
            case UpsEvent.CommandRequested e -> e.command() + " requested by " + e.by();
            case UpsEvent.SensorChanged e -> "sensor " + e.sensor().name() + " (" + e.sensor().target() + ") "
                    + (e.sensor().up() ? "answers" : "is dark: " + e.sensor().lastError());
            case UpsEvent.DrillStarted e -> "drill started by " + e.by();
            case UpsEvent.DrillStopped e -> "drill stopped by " + e.by();
            case UpsEvent.WakePlanned e -> "power is back; waking " + String.join(", ", e.hosts()) + " at " + e.wakeAt();
            case UpsEvent.WakeCancelled e -> "wake-up of " + e.host() + " cancelled: " + e.reason();
            case UpsEvent.WakeFinished e -> "wake-up finished: " + (e.awake().isEmpty() ? "none" : String.join(", ", e.awake()))
                    + " awake" + (e.failed().isEmpty() ? "" : "; " + String.join(", ", e.failed()) + " did not wake");
            case UpsEvent.WakeSent e -> "magic packet " + e.attempt() + " to " + e.host() + " (" + e.by() + ")";
            case UpsEvent.HostAwake e -> "host " + e.host() + (e.alreadyUp() ? " was already up" : " is up");
            case UpsEvent.WakeFailed e -> "host " + e.host() + " did not wake: " + e.reason();
            case UpsEvent.ClientChanged e -> client(e.client());
            case UpsEvent.ClientStale e -> "host " + e.host() + " has not reported for " + e.silentFor().toSeconds()
                    + " s (stale)";
            case UpsEvent.ClientOffline e -> "host " + e.host() + " is off (silent for " + e.silentFor().toSeconds()
                    + " s after shutting down)";
            case UpsEvent.CommandFinished e -> e.command() + " by " + e.by() + ": " + e.result();
        };
    }

    private static String client(ClientState c) {
        String what = switch (c.state()) {
            case ONLINE -> "is online";
            case SHUTDOWN_PENDING -> "shuts down in " + (c.remainingSeconds() == null ? "?" : c.remainingSeconds()) + " s";
            case SHUTTING_DOWN -> "is shutting down";
            case WOL_SENT -> "was sent a magic packet";
            case AWAKE -> "is awake";
            case WOL_FAILED -> "did not wake up";
            case SHUT_DOWN -> "was shut down over SSH";
            case SHUTDOWN_FAILED -> "could not be shut down over SSH";
        };
        return "host " + c.host() + " " + what + (c.note() != null && c.source().equals("ssh")
                ? ": " + c.note() : "");
    }

    /**
     * The event's facts as fields, for the journal, the archive and the API ({@code details}): what a script filters
     * on without parsing the sentence. Empty for events whose sentence says it all.
     */
    public static Map<String, Object> details(UpsEvent event) {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (event) {
            case UpsEvent.StatusChanged e -> {
                d.put("from", status(e.from()));
                d.put("to", status(e.to()));
            }
            case UpsEvent.CommLost e -> {
                d.put("availability", e.availability().name().toLowerCase(Locale.ROOT));
                d.put("reason", e.reason());
            }
            case UpsEvent.FsdSet e -> d.put("by", e.by());
            case UpsEvent.FsdCleared e -> d.put("why", e.why());
            case UpsEvent.CommandRequested e -> {
                d.put("by", e.by());
                d.put("command", e.command());
            }
            case UpsEvent.SensorChanged e -> {
                d.put("sensor", e.sensor().name());
                d.put("target", e.sensor().target());
                d.put("up", e.sensor().up());
                if (e.sensor().lastError() != null) {
                    d.put("error", e.sensor().lastError());
                }
            }
            case UpsEvent.DrillStarted e -> d.put("by", e.by());
            case UpsEvent.DrillStopped e -> d.put("by", e.by());
            case UpsEvent.WakePlanned e -> {
                d.put("wake_at", e.wakeAt().toString());
                d.put("hosts", e.hosts());
            }
            case UpsEvent.WakeCancelled e -> {
                d.put("host", e.host());
                d.put("reason", e.reason());
            }
            case UpsEvent.WakeFinished e -> {
                d.put("awake", e.awake());
                d.put("failed", e.failed());
            }
            case UpsEvent.WakeSent e -> {
                d.put("host", e.host());
                d.put("attempt", e.attempt());
                d.put("by", e.by());
            }
            case UpsEvent.HostAwake e -> {
                d.put("host", e.host());
                d.put("already_up", e.alreadyUp());
            }
            case UpsEvent.WakeFailed e -> {
                d.put("host", e.host());
                d.put("reason", e.reason());
            }
            case UpsEvent.ClientChanged e -> {
                d.put("host", e.client().host());
                d.put("state", e.client().state().wire());
                if (e.client().remainingSeconds() != null) {
                    d.put("remaining_seconds", e.client().remainingSeconds());
                }
                d.put("source", e.client().source());
            }
            case UpsEvent.ClientStale e -> {
                d.put("host", e.host());
                d.put("silent_seconds", e.silentFor().toSeconds());
            }
            case UpsEvent.ClientOffline e -> {
                d.put("host", e.host());
                d.put("silent_seconds", e.silentFor().toSeconds());
            }
            case UpsEvent.CommandFinished e -> {
                d.put("by", e.by());
                d.put("command", e.command());
                d.put("result", e.result().name().toLowerCase(Locale.ROOT));
            }
            case UpsEvent.StateChanged e -> { }
            case UpsEvent.CommRestored e -> { }
        }
        return d;
    }

    /**
     * Whether the event is news of its own for the journal: snapshot churn is not, nor a machine's heartbeat of
     * the state it was in, nor a host state the server set because of a wake event (that event is journaled).
     */
    public static boolean journaled(UpsEvent event) {
        return switch (event) {
            case UpsEvent.StateChanged x -> false;
            case UpsEvent.ClientChanged c -> !"server".equals(c.client().source()) && c.stateChanged();
            default -> true;
        };
    }

    /** Events recorded before the call that caused them returns ({@link UpsHub#onDurable}), not from the bus. */
    public static boolean durable(UpsEvent event) {
        return event instanceof UpsEvent.FsdSet || event instanceof UpsEvent.FsdCleared
                || event instanceof UpsEvent.CommandRequested;
    }

    /** {@code ups.status} words, or (none). */
    public static String status(UpsStatus s) {
        String t = Stream.concat(s.flags().stream().map(StatusFlag::name), s.others().stream())
                .collect(Collectors.joining(" "));
        return t.isEmpty() ? "(none)" : t;
    }
}
