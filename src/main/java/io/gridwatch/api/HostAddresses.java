package io.gridwatch.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tells whether a client's address belongs to a configured host whose {@code address} is a name: the name's
 * addresses are looked up at most once a minute per name (a flood of reports from unknown addresses costs no
 * DNS traffic), and a failed look-up is remembered as long. Also checks that an address is an IP literal without
 * asking DNS. Thread-safe.
 */
final class HostAddresses {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Entry(List<String> addresses, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    HostAddresses(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code text} is an IPv4 or IPv6 address as written by a client (no name, no DNS). */
    static boolean isIpLiteral(String text) {
        if (text == null || text.length() > 45) {
            return false;
        }
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof java.net.Inet6Address; // a literal with ':' is never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the configured {@code address} (an IP or a name) is {@code ip}. */
    boolean matches(String address, String ip) {
        if (address.equals(ip)) {
            return true;
        }
        if (address.isEmpty() || !Character.isLetter(address.charAt(0))) {
            return false;
        }
        Instant now = clock.instant();
        Entry e = cache.get(address);
        if (e == null || now.isAfter(e.until())) {
            e = new Entry(resolve(address), now.plus(TTL));
            cache.put(address, e);
        }
        return e.addresses().contains(ip);
    }

    private static List<String> resolve(String name) {
        try {
            return java.util.Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
