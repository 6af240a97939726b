package io.gridwatch.cli;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutSession;
import io.gridwatch.tls.TlsTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Connection options shared by the NUT client tools. Like NUT's clients, they try STARTTLS first and go on
 * in plain text when the server has no certificate; without {@code --cafile} the server's certificate is not
 * verified (NUT's CERTVERIFY 0), with it it must chain to that CA.
 */
final class ClientOptions {
    @Option(names = "--cafile", paramLabel = "PEM", description = "Verify the server's TLS certificate against this CA.")
    Path caFile;

    @Option(names = "--require-tls", description = "Refuse to go on without TLS.")
    boolean requireTls;

    @Option(names = "--no-starttls", description = "Do not ask for STARTTLS.")
    boolean noStartTls;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connection and reply timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    NutSession open(String host, int port) throws IOException {
        NutClient client = NutClient.connect(host, port, Duration.ofSeconds(timeoutSeconds));
        try {
            if (!noStartTls) {
                boolean tls = client.startTls(caFile == null ? TlsTrust.trustAll() : TlsTrust.fromPem(caFile));
                if (!tls && requireTls) {
                    throw new IOException("the server does not offer TLS (--require-tls)");
                }
            } else if (requireTls) {
                throw new IOException("--require-tls and --no-starttls contradict each other");
            }
            return new NutSession(client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
