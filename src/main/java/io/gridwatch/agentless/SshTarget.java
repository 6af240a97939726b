package io.gridwatch.agentless;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A machine with no agent that the server shuts down itself: where to log in, as whom, how its key is checked,
 * what to run, and its countdown (the same rules as an agent's: delay, drills). Immutable.
 *
 * @param ups          the UPS it is on
 * @param delay        how long after the power fails it shuts down; null: only NUT's rules (low battery, FSD)
 * @param key          private key file; null with a password only
 * @param password     password authentication, only when set (a secret: never in {@link #toString})
 * @param hostKeys     pinned host keys (OpenSSH public key lines or SHA256 fingerprints); empty: {@code knownHosts}
 * @param retryFor     how long a failed connection is retried once the countdown has run out
 */
public record SshTarget(String host, String ups, String address, int port, String user, Path key, String password,
                        String command, List<String> hostKeys, Path knownHosts, Duration delay, boolean ignoreDrills,
                        Duration connectTimeout, Duration commandTimeout, Duration retryFor) {

    public SshTarget {
        hostKeys = List.copyOf(hostKeys);
    }

    /** {@code user@address:port}, as logs and reports name the login. */
    public String login() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }

    @Override
    public String toString() { // never the password
        return host + " (" + login() + ")";
    }
}
