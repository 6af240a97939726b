package io.gridwatch.server;

import io.gridwatch.hub.UpsHub;

/**
 * What the verb handlers share across all connections: the hub, the users, who is logged in where, the
 * tracking table, descriptions, the VER text, and whether STARTTLS is configured. Immutable holder of
 * thread-safe parts.
 */
public record ServerContext(UpsHub hub, UserDb users, LoginRegistry logins, TrackingTable tracking,
                            VarDescriptions descriptions, String serverInfo, String serverVersion,
                            boolean tlsConfigured) {

    /** upsd's answer to VER, kept for clients that parse it. */
    public static final String NUT_VERSION = "2.8.0";
}
