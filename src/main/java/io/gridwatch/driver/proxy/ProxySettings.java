package io.gridwatch.driver.proxy;

import java.time.Duration;

/**
 * {@code driver: nut}: the UPS {@code ups} on the upsd at {@code host:port}, read every {@code pollInterval},
 * with optional credentials (needed to relay SET VAR and INSTCMD). Immutable; the password is never printed.
 */
public record ProxySettings(String ups, String host, int port, String user, String password, Duration pollInterval,
                            Duration timeout, Tls tls, java.nio.file.Path caFile) {
    /** STARTTLS: never; when the upstream offers it (upsc's default); or refuse to talk without it. */
    public enum Tls { OFF, TRY, REQUIRE }

    public String upstream() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return ups + "@" + h + (port == 3493 ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return upstream() + (user == null ? "" : " as " + user);
    }
}
