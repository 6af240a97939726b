package io.gridwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real NUT 2.8.0 (Debian's nut-server): upsd plus one dummy-ups driver per UPS, in a test's temporary
 * folder, listening on a free loopback port, run in the foreground and killed on close. The reference that
 * Gridwatch is compared with. Fails loudly when NUT is not installed (.ci/run installs it).
 */
public final class RealNut implements AutoCloseable {
    public static final Path UPSD = Path.of("/lib/nut/upsd");
    public static final Path DUMMY_UPS = Path.of("/lib/nut/dummy-ups");
    public static final Path UPSMON = Path.of("/lib/nut/upsmon");

    private final Path dir;
    private final int port;
    private final Map<String, Process> drivers = new LinkedHashMap<>();
    private Process upsd;

    /** A UPS of the fixture: name, description (or null) and dummy-ups definition file content. */
    public record Device(String name, String description, String devFile) {
    }

    private RealNut(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static void requireInstalled() {
        for (Path p : List.of(UPSD, DUMMY_UPS, UPSMON, Path.of("/bin/upsc"))) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: install NUT (apt-get install nut-server nut-client "
                        + "python3-nut), as .ci/run does");
            }
        }
    }

    /** Starts dummy-ups for each device and upsd; {@code users} is upsd.users text. */
    public static RealNut start(Path dir, List<Device> devices, String users) throws Exception {
        requireInstalled();
        Files.createDirectories(dir.resolve("state"));
        RealNut nut = new RealNut(dir, freePort());
        StringBuilder upsConf = new StringBuilder();
        for (Device d : devices) {
            Path dev = dir.resolve(d.name() + ".dev");
            Files.writeString(dev, d.devFile(), StandardCharsets.UTF_8);
            upsConf.append('[').append(d.name()).append("]\n  driver = dummy-ups\n  port = ").append(dev).append('\n');
            if (d.description() != null) {
                upsConf.append("  desc = \"").append(d.description()).append("\"\n");
            }
        }
        Files.writeString(dir.resolve("ups.conf"), upsConf.toString());
        Files.writeString(dir.resolve("upsd.conf"), "LISTEN 127.0.0.1 " + nut.port + "\nMAXAGE 15\n");
        Files.writeString(dir.resolve("upsd.users"), users);
        Files.writeString(dir.resolve("nut.conf"), "MODE=standalone\n");
        for (Device d : devices) {
            nut.drivers.put(d.name(), nut.spawn("dummy-" + d.name(), DUMMY_UPS.toString(), "-a", d.name()));
        }
        nut.upsd = nut.spawn("upsd", UPSD.toString());
        nut.awaitReady(devices);
        return nut;
    }

    private Process spawn(String log, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add("-F");
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "root"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log + ".log").toFile());
        env(pb.environment());
        return pb.start();
    }

    /** The environment that points NUT programs at this fixture's folder. */
    public void env(Map<String, String> env) {
        env.put("NUT_CONFPATH", dir.toString());
        env.put("NUT_STATEPATH", dir.resolve("state").toString());
        env.put("NUT_ALTPIDPATH", dir.resolve("state").toString());
    }

    private void awaitReady(List<Device> devices) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Device d : devices) {
            // dummy-ups publishes its variables one by one: wait for the file's last one
            String last = "ups.status";
            for (String line : d.devFile().split("\n")) {
                if (line.matches("[a-z][a-z0-9._-]*:.*")) {
                    last = line.substring(0, line.indexOf(':'));
                }
            }
            while (true) {
                try (Wire w = Wire.local(port)) {
                    if (w.ask("GET VAR " + d.name() + " " + last).startsWith("VAR ")) {
                        break;
                    }
                } catch (IOException e) {
                    // upsd not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("real upsd did not serve " + d.name() + "; see logs in " + dir);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Kills upsd (the drivers stay): clients lose the server as when its machine goes away. */
    public void stopUpsd() throws InterruptedException {
        if (upsd != null) {
            upsd.destroyForcibly().waitFor();
            upsd = null;
        }
    }

    /** Starts upsd again on the same port, with the same drivers, and waits until it serves them. */
    public void startUpsd(List<Device> devices) throws Exception {
        upsd = spawn("upsd-again", UPSD.toString());
        awaitReady(devices);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path devFile(String ups) {
        return dir.resolve(ups + ".dev");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (upsd != null) {
            upsd.destroy();
        }
        drivers.values().forEach(Process::destroy);
        for (Process p : drivers.values()) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (upsd != null) {
            try {
                upsd.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
