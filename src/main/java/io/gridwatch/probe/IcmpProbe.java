package io.gridwatch.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICMP echo. With root or CAP_NET_RAW the JVM sends the echo itself ({@link InetAddress#isReachable}); without
 * them (Java cannot open the kernel's unprivileged ping sockets) it runs the system {@code ping}, which uses
 * those sockets or its own capability. When neither is possible the result is an error, never "down": a
 * missing permission must not look like a power cut. Thread-safe.
 */
public final class IcmpProbe implements Probe {
    private static final Pattern TIME = Pattern.compile("time[=<]([0-9.]+) ?ms");
    private static final int CAP_NET_RAW = 13;

    /** How this machine can send ICMP echoes. */
    public enum Method { JVM, PING_COMMAND, NONE }

    private final String host;
    private final Method method;

    public IcmpProbe(String host, Method method) {
        this.host = host;
        this.method = method;
    }

    /** The best method available to this process. */
    public static Method detect() {
        if (rawSocketsAllowed()) {
            return Method.JVM;
        }
        return pingInstalled() ? Method.PING_COMMAND : Method.NONE;
    }

    /** Whether a ping program (iputils-ping, or the BSD/macOS one) is installed. */
    public static boolean pingInstalled() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "ping"))) {
                return true;
            }
        }
        return false;
    }

    /** Root, or the CAP_NET_RAW capability (Linux, from /proc/self/status). */
    static boolean rawSocketsAllowed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:") && line.split("\\s+")[2].equals("0")) {
                    return true;
                }
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    if ((caps & (1L << CAP_NET_RAW)) != 0) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("user.name", "").equals("root");
        }
        return false;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        return switch (method) {
            case JVM -> jvm(timeout);
            case PING_COMMAND -> command(timeout);
            case NONE -> ProbeResult.error("ICMP needs root, CAP_NET_RAW or the ping program "
                    + "(apt-get install iputils-ping); or use a tcp or http probe");
        };
    }

    private ProbeResult jvm(Duration timeout) {
        long start = System.nanoTime();
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isReachable((int) Math.max(1, timeout.toMillis()))) {
                return ProbeResult.up(Duration.ofNanos(System.nanoTime() - start));
            }
            return ProbeResult.down("no echo reply within " + timeout.toMillis() + " ms");
        } catch (UnknownHostException e) {
            return ProbeResult.down("unknown host " + host);
        } catch (IOException e) {
            return ProbeResult.down(e.getMessage());
        }
    }

    private ProbeResult command(Duration timeout) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        long secs = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> cmd = mac ? List.of("ping", "-n", "-c", "1", "-t", Long.toString(secs), host)
                : List.of("ping", "-n", "-c", "1", "-W", Long.toString(secs), host);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(secs + 2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return ProbeResult.down("no echo reply within " + secs + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() == 0) {
                Matcher m = TIME.matcher(out);
                return ProbeResult.up(m.find() ? Duration.ofNanos((long) (Double.parseDouble(m.group(1)) * 1e6)) : null);
            }
            if (p.exitValue() == 1) {
                return ProbeResult.down("no echo reply within " + secs + " s");
            }
            String first = out.strip().lines().findFirst().orElse("ping failed");
            boolean unknownHost = out.contains("unknown host") || out.contains("not known");
            return unknownHost ? ProbeResult.down(first) : ProbeResult.error(first);
        } catch (IOException e) {
            return ProbeResult.error("cannot run ping: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.error("interrupted");
        }
    }

    @Override
    public String describe() {
        return "icmp " + host;
    }

    public Method method() {
        return method;
    }
}
