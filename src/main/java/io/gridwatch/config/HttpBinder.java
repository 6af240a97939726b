package io.gridwatch.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** Binds {@code http:}: listen address, HTTPS, sessions, client report ageing. Stateless. */
final class HttpBinder {
    private HttpBinder() {
    }

    static HttpConfig bind(Section http) {
        InetSocketAddress listen = http.value("listen", new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080),
                "host:port", "Where the dashboard and API listen.", Addressing::listen);
        NutConfig.TlsFiles tls = tls(http.section("tls", "HTTPS: PEM certificate and key. Absent: plain HTTP."));
        Duration idle = http.duration("session_idle", Duration.ofHours(12), Duration.ofMinutes(1),
                "A dashboard session unused this long is ended (log in again).");
        Duration stale = http.duration("client_stale_after", Duration.ofSeconds(150), Duration.ofSeconds(10),
                "A protected host whose last report is older than this is shown stale (the seed GUI's 2.5 min).");
        Duration offline = http.duration("client_offline_after", Duration.ofMinutes(3), Duration.ofSeconds(10),
                "A host that reported it was shutting down, silent this long, is shown offline (the seed's 3 min).");
        http.finish();
        return new HttpConfig(listen, tls, idle, stale, offline);
    }

    private static NutConfig.TlsFiles tls(Section tls) {
        if (tls.keys().isEmpty()) {
            tls.path("certificate", null, true, "PEM certificate chain for HTTPS.");
            tls.path("key", null, true, "PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC); may be in the certificate file.");
            tls.finish();
            return null;
        }
        Path cert = tls.requiredPath("certificate", true, "PEM certificate chain for HTTPS.");
        Path key = tls.path("key", null, true,
                "PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC); may be in the certificate file.");
        tls.finish();
        return cert == null ? null : new NutConfig.TlsFiles(cert, key);
    }
}
