package io.gridwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server, started by a test in a network namespace the test makes ({@link Netns}), with its own
 * host key and one client key per "account": each key is authorized with a forced command that appends the time
 * (epoch milliseconds) to that account's marker file, whatever the client asks to run. Nothing else can be run
 * through it: no shell, no pty, no forwarding. Needs root (namespaces, sshd's privilege separation).
 */
public final class Sshd implements AutoCloseable {
    private final Netns netns;
    private final Path dir;
    private final Process process;
    private final List<Path> keys;
    private final List<Path> markers;

    private Sshd(Netns netns, Path dir, Process process, List<Path> keys, List<Path> markers) {
        this.netns = netns;
        this.dir = dir;
        this.process = process;
        this.keys = keys;
        this.markers = markers;
    }

    /** Why it cannot run here, or empty when it can. */
    public static Optional<String> unavailable() {
        Optional<String> ns = Netns.unavailable();
        if (ns.isPresent()) {
            return ns;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            return Optional.of("no /usr/sbin/sshd (Debian package openssh-server)");
        }
        return Optional.empty();
    }

    /** Starts sshd on port 22 of a fresh namespace host, with {@code accounts} client keys. */
    public static Sshd start(Path dir, int accounts) throws Exception {
        Files.createDirectories(dir);
        keygen(dir.resolve("host_ed25519"));
        List<Path> keys = new ArrayList<>();
        List<Path> markers = new ArrayList<>();
        StringBuilder authorized = new StringBuilder();
        for (int i = 0; i < accounts; i++) {
            Path key = dir.resolve("client" + i);
            keygen(key);
            Path marker = dir.resolve("marker" + i);
            keys.add(key);
            markers.add(marker);
            String pub = Files.readString(Path.of(key + ".pub")).strip();
            // the forced command: whatever the client sent, only this runs (SSH_ORIGINAL_COMMAND is what it sent)
            authorized.append("command=\"date +%s%3N >> ").append(marker).append("; echo \\\"shutdown requested: ")
                    .append("$SSH_ORIGINAL_COMMAND\\\"\",restrict ").append(pub).append('\n');
        }
        Path auth = Files.writeString(dir.resolve("authorized_keys"), authorized.toString());
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
        Netns netns = Netns.create(1);
        try {
            Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "ListenAddress " + netns.address(0) + ":22",
                    "HostKey " + dir.resolve("host_ed25519"),
                    "AuthorizedKeysFile " + auth,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "LogLevel VERBOSE",
                    "") + "\n");
            Process p = new ProcessBuilder("ip", "netns", "exec", netns.namespace(0), "/usr/sbin/sshd", "-D", "-e",
                    "-f", config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile())
                    .start();
            Sshd s = new Sshd(netns, dir, p, keys, markers);
            s.awaitListening();
            return s;
        } catch (Exception e) {
            netns.close();
            throw e;
        }
    }

    private static void keygen(Path file) throws Exception {
        Programs.Result r = Programs.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gridwatch-test",
                "-f", file.toString()));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen: " + r.stderr());
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + log());
            }
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(address(), 22), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd does not listen on " + address() + ":22: " + log());
    }

    public String address() {
        return netns.address(0);
    }

    /** The private key of account {@code i}. */
    public Path key(int i) {
        return keys.get(i);
    }

    /** The file account {@code i}'s forced command appends to. */
    public Path marker(int i) {
        return markers.get(i);
    }

    /** When account {@code i}'s command ran (epoch milliseconds), in order. */
    public List<Long> runs(int i) throws IOException {
        Path m = markers.get(i);
        if (!Files.exists(m)) {
            return List.of();
        }
        return Files.readAllLines(m).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }

    /** The host key line ({@code ssh-ed25519 AAAA...}). */
    public String hostKey() throws IOException {
        String[] f = Files.readString(dir.resolve("host_ed25519.pub")).strip().split(" ");
        return f[0] + " " + f[1];
    }

    /** The host key's SHA256 fingerprint, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() throws Exception {
        Programs.Result r = Programs.run(List.of("ssh-keygen", "-lf", dir.resolve("host_ed25519.pub").toString()));
        return r.stdout().split(" ")[1];
    }

    /** A known_hosts file with this host's key, as {@code ssh-keyscan} would write it. */
    public Path knownHosts() throws IOException {
        return Files.writeString(dir.resolve("known_hosts"), address() + " " + hostKey() + "\n");
    }

    /** The host goes dark (its link down), as an unplugged machine. */
    public void down() throws Exception {
        netns.down(0);
    }

    public void up() throws Exception {
        netns.up(0);
    }

    public String log() throws IOException {
        Path l = dir.resolve("sshd.log");
        return Files.exists(l) ? Files.readString(l, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        netns.close();
    }
}
