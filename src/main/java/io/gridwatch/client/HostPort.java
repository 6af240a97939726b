package io.gridwatch.client;

/** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. Immutable. */
public record HostPort(String host, int port) {

    public static HostPort parse(String text, int defaultPort) {
        if (text == null || text.isEmpty()) {
            return new HostPort("localhost", defaultPort);
        }
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': unexpected '" + after + "' after the address");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') == colon) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        return new HostPort(host.isEmpty() ? "localhost" : host, port == null ? defaultPort : parsePort(text, port));
    }

    private static int parsePort(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number from 0 to 65535");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
