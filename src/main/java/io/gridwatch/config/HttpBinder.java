package io.gridwatch.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        HttpConfig.SeedListeners seed = seed(http.section("seed",
                "UPS_Server_Docker's clients (UPS_monitor, its bash and PowerShell scripts): where they find their hub."),
                listen);
        http.finish();
        return new HttpConfig(listen, tls, idle, stale, offline, seed);
    }

    private static HttpConfig.SeedListeners seed(Section seed, InetSocketAddress main) {
        List<InetSocketAddress> listen = seed.value("listen", List.of(), "list of host:port",
                "Extra plain-HTTP listeners serving only /config, /upsc, /status and /version, e.g. [\"[::]:5000\"] "
                        + "where the original hub was; the token still protects them, but crosses the network in clear.",
                n -> Values.strings(n).stream().map(s -> Addressing.listen(
                        new ConfigNode.Scalar(s, ConfigNode.ScalarType.STRING, n.line()))).toList());
        String upsHost = seed.string("ups_host", null, "What /config's UPS_NAME names after the @ (the original's "
                + "UPS_SERVER_HOST_IP, for a server behind NAT or in a container); default: the address the client reached.");
        seed.finish();
        for (InetSocketAddress a : listen) {
            if (a.getPort() != 0 && a.getPort() == main.getPort()) {
                seed.problem("listen", "port " + a.getPort() + " is http.listen's; give the seed listener its own port");
            }
        }
        if (upsHost != null && !upsHost.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            seed.problem("ups_host", "must be a host name or IP address (got '" + upsHost + "')");
        }
        return new HttpConfig.SeedListeners(listen, upsHost);
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
