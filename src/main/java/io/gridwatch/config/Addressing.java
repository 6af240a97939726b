package io.gridwatch.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Listen addresses in config files: {@code 127.0.0.1:3493}, {@code [::1]:3493}, {@code 0.0.0.0:3493},
 * {@code [::]:3493} or {@code *:3493} (every address, IPv4 and IPv6), {@code localhost:8080}. Stateless.
 */
public final class Addressing {
    private Addressing() {
    }

    /** {@code 127.0.0.1:3493} or {@code [::1]:3493}. */
    public static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (a.getAddress() instanceof java.net.Inet6Address) {
            host = "[" + (a.getAddress().isLoopbackAddress() ? "::1" : a.getAddress().isAnyLocalAddress() ? "::" : host) + "]";
        }
        return host + ":" + a.getPort();
    }

    public static InetSocketAddress listen(ConfigNode n) {
        String text = Values.string(n).trim();
        String expected = "must be host:port, e.g. 127.0.0.1:3493 or [::1]:3493";
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(expected);
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets, e.g. [::1]:3493");
        }
        if (host.equals("*")) {
            host = "::";
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }
}
