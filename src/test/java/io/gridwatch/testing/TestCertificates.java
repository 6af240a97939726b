package io.gridwatch.testing;

import java.nio.file.Path;
import java.util.List;

/** A self-signed certificate for 127.0.0.1/localhost made with openssl, and NSS databases trusting it. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** Writes {@code cert.pem} and {@code key.pem} (RSA, PKCS#8) into {@code dir}. */
    public static void selfSigned(Path dir) throws Exception {
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    }

    /** An NSS certificate database (for NUT's CERTPATH) that trusts {@code cert}. */
    public static void nssDatabase(Path db, Path cert) throws Exception {
        java.nio.file.Files.createDirectories(db);
        run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password"));
        run(List.of("certutil", "-A", "-d", "sql:" + db, "-n", "gridwatch-test", "-t", "CT,C,C", "-a", "-i",
                cert.toString()));
    }

    private static void run(List<String> cmd) throws Exception {
        Programs.Result r = Programs.run(cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(cmd + " failed: " + r.stderr() + r.stdout());
        }
    }
}
