package io.gridwatch.client;

/**
 * {@code upsname[@hostname[:port]]}, as every NUT client spells a UPS (IPv6 hosts in brackets). Host defaults
 * to localhost and port to 3493. Immutable.
 */
public record UpsAddress(String ups, String host, int port) {
    public static final int DEFAULT_PORT = 3493;

    /** Parses a UPS address; {@code ups} may be null for host-only forms like {@code upsc -l host:port}. */
    public static UpsAddress parse(String text, boolean upsRequired) {
        String ups = null;
        String rest = text;
        int at = text.indexOf('@');
        if (at >= 0) {
            ups = text.substring(0, at);
            rest = text.substring(at + 1);
        } else if (upsRequired) {
            return new UpsAddress(checkName(text), "localhost", DEFAULT_PORT);
        }
        if (ups != null) {
            checkName(ups);
        }
        HostPort hp = HostPort.parse(rest, DEFAULT_PORT);
        return new UpsAddress(ups, hp.host(), hp.port());
    }

    private static String checkName(String ups) {
        if (ups.isEmpty() || ups.contains(" ")) {
            throw new IllegalArgumentException("invalid UPS definition: '" + ups
                    + "'. Required format: upsname[@hostname[:port]]");
        }
        return ups;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (ups == null ? "" : ups + "@") + h + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
