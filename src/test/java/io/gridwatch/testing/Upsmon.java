package io.gridwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A real NUT 2.8.0 upsmon in a test folder. Its SHUTDOWNCMD is a script that only appends a line to a marker
 * file: nothing is ever powered off. Runs in the foreground as one privileged process ({@code -p}); killed on
 * close. Several can run at once: as root each gets a private {@code /run/nut} for its PID file.
 */
public final class Upsmon implements AutoCloseable {
    private final Path dir;
    private final Path marker;
    private final Process process;

    private Upsmon(Path dir, Path marker, Process process) {
        this.dir = dir;
        this.marker = marker;
        this.process = process;
    }

    /**
     * @param monitor  the MONITOR line(s), e.g. {@code MONITOR ups@127.0.0.1:3493 1 user pass primary}
     * @param settings further upsmon.conf lines (timers, TLS; MINSUPPLIES, 1 when not given)
     */
    public static Upsmon start(Path dir, String name, String monitor, String settings) throws IOException {
        RealNut.requireInstalled();
        Files.createDirectories(dir.resolve("state"));
        Path marker = dir.resolve("shutdown-marker");
        Path script = dir.resolve("shutdown.sh");
        Files.writeString(script, "#!/bin/sh\n# test stand-in for a shutdown: records that it ran, nothing else\n"
                + "echo \"" + name + " $(date +%s%N)\" >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path notifier = dir.resolve("notify.sh");
        Files.writeString(notifier, "#!/bin/sh\n# records upsmon's notifications: type and UPS, one per line\n"
                + "echo \"$NOTIFYTYPE $UPSNAME $(date +%s%N)\" >> '" + dir.resolve("notifications") + "'\n");
        Files.setPosixFilePermissions(notifier, PosixFilePermissions.fromString("rwx------"));
        StringBuilder flags = new StringBuilder("NOTIFYCMD \"" + notifier + "\"\n");
        for (String type : List.of("ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "NOCOMM")) {
            flags.append("NOTIFYFLAG ").append(type).append(" SYSLOG+EXEC\n");
        }
        String conf = monitor + (settings.contains("MINSUPPLIES") ? "\n" : "\nMINSUPPLIES 1\n") + "SHUTDOWNCMD \"" + script + "\"\nPOWERDOWNFLAG " + dir.resolve("killpower")
                + "\n" + flags + settings + "\n";
        Files.writeString(dir.resolve("upsmon.conf"), conf);
        Files.setPosixFilePermissions(dir.resolve("upsmon.conf"), PosixFilePermissions.fromString("rw-------"));
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // upsmon run by root keeps its PID file in /run/nut, so a second one on the same machine refuses to
            // start: give each its own /run/nut, in a private mount namespace
            cmd.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mkdir -p /run/nut && mount -t tmpfs gridwatch-test /run/nut && exec \"$0\" \"$@\""));
        }
        cmd.addAll(List.of(RealNut.UPSMON.toString(), "-F", "-p"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("upsmon.log").toFile());
        pb.environment().put("NUT_CONFPATH", dir.toString());
        pb.environment().put("NUT_STATEPATH", dir.resolve("state").toString());
        pb.environment().put("NUT_ALTPIDPATH", dir.resolve("state").toString());
        return new Upsmon(dir, marker, pb.start());
    }

    /** Waits up to 20 s for {@code condition}; on timeout the upsmon logs go into the failure message. */
    public static void await(java.util.concurrent.Callable<Boolean> condition, Upsmon... upsmons) throws Exception {
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (Upsmon u : upsmons) {
                logs.append("\n--- upsmon log:\n").append(u.log());
            }
            throw new AssertionError(logs.toString(), e);
        }
    }

    /** Lines written by SHUTDOWNCMD so far ({@code name nanos}). */
    public List<String> shutdowns() throws IOException {
        return Files.exists(marker) ? Files.readAllLines(marker, StandardCharsets.UTF_8) : List.of();
    }

    /** upsmon's notifications so far, by type ({@code ONBATT}, {@code ONLINE}...), oldest first. */
    public List<String> notifications() throws IOException {
        Path f = dir.resolve("notifications");
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(l -> l.split(" ")[0])
                .toList() : List.of();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        Path log = dir.resolve("upsmon.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
