package io.gridwatch.cli;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.Problem;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared wording of what the CLI prints: addresses and config problems. Stateless. */
final class Banner {
    private Banner() {
    }

    static String address(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (a.getAddress() instanceof Inet6Address) {
            host = "[" + io.gridwatch.server.Addresses.format(a.getAddress()) + "]";
        }
        return host + ":" + a.getPort();
    }

    static String addresses(List<InetSocketAddress> list) {
        return list.stream().map(Banner::address).collect(Collectors.joining(", "));
    }

    static void problems(PrintWriter err, Path file, ConfigException e) {
        for (Problem p : e.problems()) {
            err.println(p);
        }
        int n = e.problems().size();
        err.println(file + ": " + n + (n == 1 ? " problem" : " problems") + "; nothing was started");
    }
}
