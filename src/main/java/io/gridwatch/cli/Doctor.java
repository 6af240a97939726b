package io.gridwatch.cli;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.SensorSpec;
import io.gridwatch.config.UpsConfig;
import io.gridwatch.probe.IcmpProbe;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gridwatch doctor}'s checks: the configuration, the ports it listens on, raw ICMP and broadcast
 * permissions, the clock's synchronisation and the data folder, each as a finding that says what to fix. Nothing
 * is sent on the network: ports are bound and released, the broadcast permission is asked of a socket. Stateless.
 */
final class Doctor {
    /** How a check came out. */
    public enum Outcome { OK, WARN, FAIL }

    /** One check: what, how it went, and what to do about it (empty when nothing). */
    public record Finding(Outcome outcome, String check, String detail, String fix) {
    }

    private Doctor() {
    }

    /** Every check, in order; {@code config} may be null (the built-in demo). */
    public static List<Finding> run(Path config) {
        List<Finding> out = new ArrayList<>();
        out.add(new Finding(Outcome.OK, "java", "Java " + Runtime.version().feature() + " at "
                + System.getProperty("java.home"), ""));
        GridwatchConfig c = null;
        if (config != null) {
            try {
                c = ConfigLoader.load(config);
                out.add(new Finding(Outcome.OK, "config", config + ": valid (" + c.ups().size() + " UPS)", ""));
            } catch (ConfigException e) {
                e.problems().forEach(p -> out.add(new Finding(Outcome.FAIL, "config", p.toString(),
                        "fix the file, then check it again with: gridwatch check-config " + config)));
            }
        }
        if (c != null) {
            c.nut().listen().forEach(a -> out.add(port("NUT", a)));
            out.add(port("HTTP", c.http().listen()));
            out.add(dataDir(c.dataDir(), serviceUser()));
        }
        out.add(icmp(c == null || usesIcmp(c)));
        out.add(broadcast());
        out.add(clock());
        return out;
    }

    static Finding port(String what, InetSocketAddress a) {
        String where = Banner.address(a);
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(a);
            return new Finding(Outcome.OK, "port", what + " can listen on " + where, "");
        } catch (BindException e) {
            boolean denied = e.getMessage() != null && e.getMessage().contains("ermission");
            return denied
                    ? new Finding(Outcome.FAIL, "port", what + " may not listen on " + where + " (port below 1024)",
                    "grant CAP_NET_BIND_SERVICE (the packaged unit does), run as root, or use a port above 1023")
                    : new Finding(Outcome.FAIL, "port", what + " port " + where + " is taken",
                    "see who holds it: ss -ltnp 'sport = :" + a.getPort() + "' (NUT's upsd? a running Gridwatch?); "
                            + "stop it or listen elsewhere");
        } catch (IOException e) {
            return new Finding(Outcome.FAIL, "port", what + " cannot listen on " + where + ": " + e.getMessage(),
                    "check that the address belongs to this machine (ip addr)");
        }
    }

    /** The user the server runs as: the packaged service's {@code gridwatch} when it exists, else this one. */
    static String serviceUser() {
        String me = System.getProperty("user.name");
        if (!"root".equals(me)) {
            return me;
        }
        try {
            Process p = new ProcessBuilder("getent", "passwd", "gridwatch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? "gridwatch" : me;
        } catch (IOException e) {
            return me;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return me;
        }
    }

    /**
     * Whether the service user can write the data folder and read and write every file in it (a file left by
     * {@code sudo} belongs to root, and the service cannot start with it). Run as root, it asks as that user
     * (runuser); run as anyone else, as itself.
     */
    static Finding dataDir(Path dir, String user) {
        String me = System.getProperty("user.name");
        boolean asOther = !user.equals(me) && "root".equals(me);
        String who = asOther ? "the service user " + user : me;
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (var list = Files.list(dir)) {
                list.filter(Files::isRegularFile).forEach(files::add);
            }
        } catch (IOException e) {
            return new Finding(Outcome.FAIL, "data", dir + " cannot be made or listed: "
                    + io.gridwatch.files.FileErrors.describe(e), "make it the service user's: chown -R " + user + ": "
                    + dir);
        }
        List<String> denied = new ArrayList<>();
        if (!access(user, asOther, "-w", dir) || !access(user, asOther, "-x", dir)) {
            denied.add(dir + " (the folder)");
        }
        for (Path f : files) {
            if (!access(user, asOther, "-r", f) || !access(user, asOther, "-w", f)) {
                denied.add(f.getFileName().toString());
            }
        }
        if (denied.isEmpty()) {
            return new Finding(Outcome.OK, "data", dir + " is writable by " + who + " (" + files.size() + " files)", "");
        }
        return new Finding(Outcome.FAIL, "data", who + " cannot read and write in " + dir + ": "
                + String.join(", ", denied), "make them the service user's: chown -R " + user + ": " + dir);
    }

    private static boolean access(String user, boolean asOther, String test, Path p) {
        if (!asOther) {
            return switch (test) {
                case "-r" -> Files.isReadable(p);
                case "-w" -> Files.isWritable(p);
                default -> Files.isExecutable(p);
            };
        }
        try {
            Process pr = new ProcessBuilder("runuser", "-u", user, "--", "test", test, p.toString())
                    .redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Finding icmp(boolean needed) {
        return switch (IcmpProbe.detect()) {
            case JVM -> new Finding(Outcome.OK, "icmp", "raw ICMP allowed (root or CAP_NET_RAW)", "");
            case PING_COMMAND -> new Finding(Outcome.WARN, "icmp", "no raw ICMP here: sentinels ping through the ping "
                    + "program (one process per probe)", "grant CAP_NET_RAW (AmbientCapabilities=CAP_NET_RAW; the "
                    + "packaged unit does) for in-process pings");
            case NONE -> new Finding(needed ? Outcome.FAIL : Outcome.WARN, "icmp", "neither raw ICMP nor a ping "
                    + "program: ICMP sentinels cannot probe", "apt-get install iputils-ping, or grant CAP_NET_RAW");
        };
    }

    static Finding broadcast() {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setBroadcast(true);
            return s.getBroadcast() ? new Finding(Outcome.OK, "broadcast", "UDP broadcast allowed (Wake-on-LAN)", "")
                    : new Finding(Outcome.FAIL, "broadcast", "UDP broadcast refused", "check the firewall and "
                    + "SO_BROADCAST restrictions (seccomp, container)");
        } catch (IOException e) {
            return new Finding(Outcome.FAIL, "broadcast", "no UDP socket: " + e.getMessage(),
                    "check the service's sandbox (RestrictAddressFamilies)");
        }
    }

    static Finding clock() {
        String synced = timedatectl();
        if ("yes".equals(synced) || Files.exists(Path.of("/run/systemd/timesync/synchronized"))) {
            return new Finding(Outcome.OK, "clock", "the clock is synchronised (NTP)", "");
        }
        String fix = "enable time sync: systemctl enable --now systemd-timesyncd (or chrony); schedules, reports and "
                + "history use this clock";
        return "no".equals(synced)
                ? new Finding(Outcome.WARN, "clock", "the clock is not synchronised", fix)
                : new Finding(Outcome.WARN, "clock", "cannot tell whether the clock is synchronised", fix);
    }

    private static String timedatectl() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(p.getInputStream().readAllBytes()).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean usesIcmp(GridwatchConfig c) {
        for (UpsConfig u : c.ups()) {
            if (u.driver() instanceof UpsConfig.Mains m
                    && m.sensors().stream().anyMatch(s -> s instanceof SensorSpec.Icmp)) {
                return true;
            }
        }
        return false;
    }
}
