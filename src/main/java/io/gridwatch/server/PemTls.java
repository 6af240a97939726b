package io.gridwatch.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the STARTTLS context from PEM files, as upsd's CERTFILE: a certificate chain, and a private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) or SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}) form; the key may also sit in the certificate file. Errors name the file
 * and what is wrong with it. Stateless.
 */
public final class PemTls {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemTls() {
    }

    public static SSLContext load(Path certificate, Path key) throws IOException {
        try {
            Certificate[] chain = certificates(certificate);
            PrivateKey pk = privateKey(key != null ? key : certificate);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("nut", pk, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup from " + certificate + " failed: " + e.getMessage(), e);
        }
    }

    private static Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        byte[] pem = Files.readAllBytes(file);
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(onlyCertificates(new String(pem, StandardCharsets.US_ASCII))));
        if (certs.isEmpty()) {
            throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block found");
        }
        return certs.toArray(new Certificate[0]);
    }

    private static byte[] onlyCertificates(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                sb.append(m.group()).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der, file);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(Der.wrapPkcs1Rsa(der), file);
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(Der.wrapSec1Ec(der), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(file
                        + ": the private key is encrypted; give an unencrypted key (openssl pkey -in KEY -out KEY.plain)");
                default -> { }
            }
        }
        throw new IOException(file + ": no private key block found (expected '-----BEGIN PRIVATE KEY-----')");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": the private key is not an RSA, EC or EdDSA key Java can read");
    }
}
