package io.gridwatch.app;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded demo site for {@code gridwatch server} without a config file: a dummy UPS on loopback, its
 * definition file and a config under the data folder (so a newcomer can read and edit them), and credentials
 * generated on first run. Standard ports (3493, 8080) when free, else others that are. The generated config
 * goes through the same validation as any other. Stateless.
 */
public final class DemoSite {
    /**
     * What the demo prepared: the config, the credentials (to show when they were just created), and the
     * loopback sentinel services, which run until closed.
     */
    public record Prepared(GridwatchConfig config, Path configFile, Path devFile, Credentials credentials,
                           DemoSentinels sentinels) implements AutoCloseable {
        @Override
        public void close() {
            sentinels.close();
        }
    }

    /** Where the demo notes its sentinels' control URLs, for {@code gridwatch demo grid off|on}. */
    public static Path sentinelsFile(Path dataDir) {
        return dataDir.resolve("demo").resolve("sentinels.txt");
    }

    private DemoSite() {
    }

    public static Prepared prepare(Path dataDir) throws IOException, ConfigException {
        Path demoDir = dataDir.resolve("demo");
        Files.createDirectories(demoDir);
        Credentials credentials = Credentials.loadOrCreate(dataDir.resolve("credentials.properties"));
        Path dev = demoDir.resolve("demo.dev");
        if (!Files.exists(dev)) {
            Files.writeString(dev, resource("demo.dev"));
        }
        DemoSentinels sentinels = new DemoSentinels(3);
        List<Integer> ports = sentinels.ports();
        Files.writeString(sentinelsFile(dataDir), ports.stream().map(p -> "http://127.0.0.1:" + p + "/")
                .reduce("", (a, b) -> a + b + "\n"));
        Map<String, String> values = Map.of(
                "NUT_PORT", Integer.toString(freePort(3493, 13493)),
                "HTTP_PORT", Integer.toString(freePort(8080, 18080)),
                "SENTINEL_1", ports.get(0).toString(), "SENTINEL_2", ports.get(1).toString(),
                "SENTINEL_3", ports.get(2).toString(),
                "ADMIN_PASSWORD", credentials.get(Credentials.NUT_ADMIN),
                "MONUSER_PASSWORD", credentials.get(Credentials.NUT_MONUSER),
                "DATA_DIR", dataDir.toAbsolutePath().toString().replace("\\", "/"));
        String yaml = resource("demo.yaml");
        for (Map.Entry<String, String> e : values.entrySet()) {
            yaml = yaml.replace("${" + e.getKey() + "}", e.getValue());
        }
        Path configFile = demoDir.resolve("gridwatch-demo.yaml");
        Files.writeString(configFile, yaml);
        Credentials.restrict(configFile);
        try {
            return new Prepared(ConfigLoader.load(configFile), configFile, dev, credentials, sentinels);
        } catch (ConfigException | RuntimeException e) {
            sentinels.close();
            throw e;
        }
    }

    /** The first of the candidates free on loopback, else any free port. */
    static int freePort(int... candidates) {
        for (int port : candidates) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException e) {
                // taken: try the next
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoSite.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
