package io.gridwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A machine on the site: protected by a UPS (shut down in time by its agent or client) and/or woken by
 * Gridwatch when power returns. Immutable.
 *
 * @param displayName   how people call it (spaces allowed); the name itself when not set
 * @param probe         how to tell it is up: {@code icmp}, {@code tcp:<port>} or an http(s) URL
 * @param shutdownDelay for clients that ask the hub (the UPS_Server_Docker contract); null when not a client
 * @param ssh           for a host with no agent: how the server itself logs in and shuts it down; null otherwise
 */
public record HostConfig(String name, String displayName, String ups, String address, String mac, String broadcast, boolean wake,
                         int group, Duration groupWait, String probe, Duration shutdownDelay, boolean ignoreDrills,
                         Ssh ssh) {

    public HostConfig(String name, String displayName, String ups, String address, String mac, String broadcast,
                      boolean wake, int group, Duration groupWait, String probe, Duration shutdownDelay,
                      boolean ignoreDrills) {
        this(name, displayName, ups, address, mac, broadcast, wake, group, groupWait, probe, shutdownDelay, ignoreDrills,
                null);
    }

    /**
     * {@code shutdown.ssh}: the server logs in to the host's address and runs {@code command} when the host's
     * countdown runs out.
     *
     * @param key        the private key file (OpenSSH or PEM, no passphrase); null with a password only
     * @param password   only when asked for (password authentication is off otherwise); a secret
     * @param hostKeys   pinned host keys (OpenSSH public key lines or SHA256 fingerprints); empty: {@code knownHosts}
     * @param retryFor   how long a connection that fails is retried after the countdown ran out
     */
    public record Ssh(String user, Path key, String password, String command, int port, List<String> hostKeys,
                      Path knownHosts, Duration connectTimeout, Duration commandTimeout, Duration retryFor) {
        public Ssh {
            hostKeys = List.copyOf(hostKeys);
        }

        @Override
        public String toString() { // never the password
            return user + "@" + port + " key " + key + (password != null ? " (password set)" : "");
        }
    }
}
