package io.gridwatch.config;

import io.gridwatch.server.NutUser;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code nut:} section: the NUT network server. Immutable.
 *
 * @param fsdRelease how long a UPS must be back on line before its FSD latch is released (null: never)
 * @param tls        certificate and key for STARTTLS, or null
 */
public record NutConfig(List<InetSocketAddress> listen, int maxConnections, Duration idleTimeout, Duration maxAge,
                        Duration fsdRelease, TlsFiles tls, List<NutUser> users, String serverInfo,
                        Path cmdvartab, int eventLoops, int backlog, Boolean advertise,
                        java.util.Map<String, Path> passwordsToGenerate) {
    public NutConfig {
        listen = List.copyOf(listen);
        users = List.copyOf(users);
        passwordsToGenerate = java.util.Map.copyOf(passwordsToGenerate);
    }

    /** PEM certificate chain and private key. */
    public record TlsFiles(Path certificate, Path key) {
    }
}
