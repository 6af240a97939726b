package io.gridwatch.hub;

/**
 * The outcome of a SET VAR or INSTCMD relayed to a driver, as {@code GET TRACKING} reports it
 * ({@code SUCCESS}, {@code ERR UNKNOWN}, {@code ERR INVALID-ARGUMENT}, {@code ERR FAILED}). Immutable.
 */
public enum CommandResult {
    SUCCESS("SUCCESS"),
    UNKNOWN("ERR UNKNOWN"),
    INVALID_ARGUMENT("ERR INVALID-ARGUMENT"),
    FAILED("ERR FAILED");

    private final String trackingLine;

    CommandResult(String trackingLine) {
        this.trackingLine = trackingLine;
    }

    /** The reply to {@code GET TRACKING <id>} once the command has finished. */
    public String trackingLine() {
        return trackingLine;
    }
}
