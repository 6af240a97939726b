package io.gridwatch.testing;

import io.gridwatch.app.ServerApp;
import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutSession;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The whole Gridwatch server booted in-process from a YAML text, on loopback port 0, with its files in a
 * test's temporary folder. Waits until every UPS's driver has delivered data.
 */
public final class TestServer implements AutoCloseable {
    /** PBKDF2 rounds for passwords made in tests: the real count (600 000) would cost a second per login here. */
    public static final int TEST_HASH_ITERATIONS = 1000;

    private final Path dir;
    private final ServerApp app;

    private TestServer(Path dir, ServerApp app) {
        this.dir = dir;
        this.app = app;
    }

    /** Writes {@code files} (name to content) into {@code dir}, then starts a server from {@code yaml}. */
    public static TestServer start(Path dir, String yaml, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        Path config = dir.resolve("gridwatch.yaml");
        boolean hasHttp = yaml.startsWith("http:") || yaml.contains("\nhttp:");
        Files.writeString(config, hasHttp ? yaml : yaml + "\nhttp:\n  listen: \"127.0.0.1:0\"\n", StandardCharsets.UTF_8);
        GridwatchConfig c = ConfigLoader.load(config);
        TestServer s = new TestServer(dir, ServerApp.start(c, Clock.systemUTC(), TEST_HASH_ITERATIONS));
        s.awaitDrivers();
        return s;
    }

    /** Starts a server from a configuration file already written (by an importer, say), in its folder. */
    public static TestServer load(Path config) throws Exception {
        GridwatchConfig c = ConfigLoader.load(config);
        TestServer s = new TestServer(config.toAbsolutePath().getParent(), ServerApp.start(c, Clock.systemUTC(),
                TEST_HASH_ITERATIONS));
        s.awaitDrivers();
        return s;
    }

    private void awaitDrivers() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (UpsName n : app.hub().names()) {
            while (app.hub().availability(app.hub().snapshot(n)) != Availability.OK) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("driver of " + n + " did not connect");
                }
                Thread.sleep(10);
            }
        }
    }

    public int port() {
        return app.nutServer().boundAddresses().get(0).getPort();
    }

    public ServerApp app() {
        return app;
    }

    public Path dir() {
        return dir;
    }

    public Wire wire() throws IOException {
        return Wire.local(port());
    }

    public NutSession session() throws IOException {
        return new NutSession(NutClient.connect("127.0.0.1", port(), Duration.ofSeconds(5)));
    }

    public void write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
