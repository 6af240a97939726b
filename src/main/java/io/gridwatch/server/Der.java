package io.gridwatch.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Just enough DER to turn the two older private-key encodings into PKCS#8 (RFC 5208): PKCS#1 RSA keys
 * (RFC 8017) and SEC1 EC keys (RFC 5915, whose named curve moves into the algorithm identifier). Stateless.
 */
final class Der {
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Der() {
    }

    static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] algorithm = tlv(0x30, concat(RSA_OID, NULL));
        return tlv(0x30, concat(VERSION_0, algorithm, tlv(0x04, pkcs1)));
    }

    static byte[] wrapSec1Ec(byte[] sec1) throws IOException {
        byte[] curve = findCurveOid(sec1);
        byte[] algorithm = tlv(0x30, concat(EC_OID, curve));
        return tlv(0x30, concat(VERSION_0, algorithm, tlv(0x04, sec1)));
    }

    /** The OID inside the {@code [0] parameters} element of an ECPrivateKey. */
    private static byte[] findCurveOid(byte[] sec1) throws IOException {
        int[] seq = header(sec1, 0);
        int i = seq[0];
        int end = seq[0] + seq[1];
        while (i < end) {
            int tag = sec1[i] & 0xFF;
            int[] h = header(sec1, i);
            if (tag == 0xA0) {
                int[] oid = header(sec1, h[0]);
                byte[] out = new byte[oid[0] + oid[1] - h[0]];
                System.arraycopy(sec1, h[0], out, 0, out.length);
                return out;
            }
            i = h[0] + h[1];
        }
        throw new IOException("EC private key without a named curve");
    }

    /** {content offset, content length} of the element at {@code at}. */
    private static int[] header(byte[] der, int at) throws IOException {
        if (at + 2 > der.length) {
            throw new IOException("truncated DER");
        }
        int len = der[at + 1] & 0xFF;
        int off = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7F;
            len = 0;
            for (int k = 0; k < n; k++) {
                len = (len << 8) | (der[off++] & 0xFF);
            }
        }
        return new int[] {off, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xFF);
            out.write(n & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
