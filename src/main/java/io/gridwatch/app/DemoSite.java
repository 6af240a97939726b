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
    /** @param notes what the start had to change (a port taken), for the banner */
    public record Prepared(GridwatchConfig config, Path configFile, Path devFile, Credentials credentials,
                           DemoSentinels sentinels, List<String> notes) implements AutoCloseable {
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
        Path configFile = demoDir.resolve("gridwatch-demo.yaml");
        Path portsFile = demoDir.resolve("ports.properties");
        java.util.Properties last = new java.util.Properties();
        boolean kept = Files.exists(configFile) && Files.exists(portsFile);
        if (kept) {
            try (var in = Files.newBufferedReader(portsFile)) {
                last.load(in);
            }
        }
        List<String> notes = new java.util.ArrayList<>();
        DemoSentinels sentinels = new DemoSentinels(List.of(port(last, "SENTINEL_1", 0), port(last, "SENTINEL_2", 0),
                port(last, "SENTINEL_3", 0)));
        List<Integer> ports = sentinels.ports();
        Files.writeString(sentinelsFile(dataDir), ports.stream().map(p -> "http://127.0.0.1:" + p + "/")
                .reduce("", (a, b) -> a + b + "\n"));
        int wantedNut = port(last, "NUT_PORT", 3493);
        int wantedHttp = port(last, "HTTP_PORT", 8080);
        int nut = freePort(wantedNut, 3493, 13493);
        int web = freePort(wantedHttp, 8080, 18080);
        if (nut != wantedNut) {
            notes.add("port " + wantedNut + " is taken on loopback (by a real upsd?): the demo's NUT server uses " + nut);
        }
        if (web != wantedHttp) {
            notes.add("port " + wantedHttp + " is taken on loopback: the demo's dashboard uses " + web);
        }
        Map<String, String> values = Map.of(
                "NUT_PORT", Integer.toString(nut),
                "HTTP_PORT", Integer.toString(web),
                "SENTINEL_1", ports.get(0).toString(), "SENTINEL_2", ports.get(1).toString(),
                "SENTINEL_3", ports.get(2).toString(),
                "ADMIN_PASSWORD", credentials.get(Credentials.NUT_ADMIN),
                "MONUSER_PASSWORD", credentials.get(Credentials.NUT_MONUSER),
                "DATA_DIR", dataDir.toAbsolutePath().toString().replace("\\", "/"));
        String yaml = kept ? movePorts(Files.readString(configFile, StandardCharsets.UTF_8), last, values)
                : fill(resource("demo.yaml"), values);
        io.gridwatch.files.AtomicFile.write(configFile, yaml.getBytes(StandardCharsets.UTF_8), true);
        savePorts(portsFile, values);
        try {
            return new Prepared(ConfigLoader.load(configFile), configFile, dev, credentials, sentinels, notes);
        } catch (ConfigException | RuntimeException e) {
            sentinels.close();
            throw e;
        }
    }

    /** The ports a demo site asks for again on its next start. */
    private static final List<String> PORTS = List.of("NUT_PORT", "HTTP_PORT", "SENTINEL_1", "SENTINEL_2", "SENTINEL_3");

    /** The template with each {@code ${KEY}} filled in. */
    private static String fill(String template, Map<String, String> values) {
        String yaml = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            yaml = yaml.replace("${" + e.getKey() + "}", e.getValue());
        }
        return yaml;
    }

    /**
     * The file as the user left it (edits made in the dashboard included): only ports that had to move are changed,
     * where the demo wrote them.
     */
    private static String movePorts(String yaml, java.util.Properties last, Map<String, String> values) {
        for (String key : PORTS) {
            String old = last.getProperty(key);
            String now = values.get(key);
            if (old != null && !old.equals(now)) {
                yaml = yaml.replace("127.0.0.1:" + old + "\"", "127.0.0.1:" + now + "\"")
                        .replace("127.0.0.1:" + old + "/\"", "127.0.0.1:" + now + "/\"")
                        .replace("[::1]:" + old + "\"", "[::1]:" + now + "\"")
                        .replace("\"tcp:" + old + "\"", "\"tcp:" + now + "\"");
            }
        }
        return yaml;
    }

    private static void savePorts(Path portsFile, Map<String, String> values) throws IOException {
        java.util.Properties now = new java.util.Properties();
        for (String key : PORTS) {
            now.setProperty(key, values.get(key));
        }
        try (var out = Files.newBufferedWriter(portsFile)) {
            now.store(out, "ports the demo site used last; it asks for the same ones on its next start");
        }
    }

    private static int port(java.util.Properties p, String key, int orElse) {
        try {
            return Integer.parseInt(p.getProperty(key, String.valueOf(orElse)));
        } catch (NumberFormatException e) {
            return orElse;
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
