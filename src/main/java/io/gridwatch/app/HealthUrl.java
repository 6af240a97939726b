package io.gridwatch.app;

import io.gridwatch.files.AtomicFile;
import io.gridwatch.files.FileErrors;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a container's HEALTHCHECK reads: where this server's {@code /healthz} answers, so that the check
 * follows {@code http.listen} whatever port it gives. A wildcard address is written as loopback of its family
 * (a wildcard listener takes loopback too).
 */
final class HealthUrl {
    static final String FILE = "healthz.url";
    private static final Logger LOG = LoggerFactory.getLogger(HealthUrl.class);

    private HealthUrl() {
    }

    /** Writes {@code <dataDir>/healthz.url}, owner-only (the health check runs as the server's user). */
    static void write(Path dataDir, InetSocketAddress bound, boolean https) {
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        String h = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        String url = (https ? "https" : "http") + "://" + h + ":" + bound.getPort() + "/healthz\n";
        try {
            AtomicFile.write(dataDir.resolve(FILE), url.getBytes(StandardCharsets.US_ASCII), true);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", dataDir.resolve(FILE), FileErrors.describe(e));
        }
    }
}
