package io.gridwatch.agentless;

/**
 * What one attempt to reach a host over SSH came to. Immutable.
 *
 * @param kind     how it ended
 * @param exitCode the command's exit status, when it ran and said
 * @param output   the last part of what the command wrote (stdout and stderr), empty when it did not run
 * @param detail   in words, for logs and reports
 * @param hostKey  the key the host presented ({@code type SHA256:...}), or null when none was seen
 */
public record SshOutcome(Kind kind, Integer exitCode, String output, String detail, String hostKey) {

    /** How an attempt ended. */
    public enum Kind {
        /** The command ran and exited with status 0. */
        DONE(false),
        /** The command was started and the connection closed before it said how it ended (the host going down). */
        CLOSED(false),
        /** A check: host key accepted and logged in; nothing was run. */
        LOGGED_IN(false),
        /** The command ran and failed (exit status not 0) or did not end in time. */
        COMMAND_FAILED(false),
        /** The host presented a key that is not the pinned or known one. */
        HOST_KEY_REFUSED(false),
        /** The host refused the login (key or password not accepted). */
        LOGIN_REFUSED(false),
        /** No connection (refused, unreachable, timed out, closed during the handshake): worth another try. */
        UNREACHABLE(true);

        private final boolean retry;

        Kind(boolean retry) {
            this.retry = retry;
        }

        /** Whether another attempt may succeed (nothing was run). */
        public boolean retry() {
            return retry;
        }
    }

    /** Whether the host took the command (it ran, or it went down while running it). */
    public boolean ran() {
        return kind == Kind.DONE || kind == Kind.CLOSED;
    }
}
