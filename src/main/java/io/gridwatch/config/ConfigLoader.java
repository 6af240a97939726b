package io.gridwatch.config;

import io.gridwatch.powmonman.PowMonManSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a Gridwatch YAML file, checks all of it, and either returns the frozen {@link GridwatchConfig} or
 * throws a {@link ConfigException} listing every problem (file, line, key path, what is wrong). Nothing is
 * started from a configuration with problems. {@link #document()} binds an empty configuration in
 * documentation mode to list every key. Stateless.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static GridwatchConfig load(Path file) throws ConfigException {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, with the data folder given from outside (the server's --data-dir, a container's
     * GRIDWATCH_DATA_DIR), which wins over the file's data_dir: state stays on the volume whatever the file says.
     */
    public static GridwatchConfig load(Path file, Path dataDir) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        return parse(read(abs), abs, abs.getParent(), dataDir);
    }

    /** The file's text, or a ConfigException naming the file when it cannot be read (also the agent's loader's). */
    public static String read(Path abs) throws ConfigException {
        try {
            return Files.readString(abs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new Problem(abs, 0, "", "cannot read the file: " + e.getMessage())));
        }
    }

    /**
     * The YAML's top-level map (empty for an empty file); a syntax error throws at once, a top level that is not
     * a map is one more problem and binding goes on with an empty map so that every problem is reported.
     */
    public static ConfigNode.MapNode root(String text, Problems problems, String sections) throws ConfigException {
        ConfigNode root = YamlReader.read(text, problems);
        if (root == null && !problems.isEmpty()) {
            throw new ConfigException(problems.list());
        }
        if (root != null && !(root instanceof ConfigNode.MapNode)) {
            problems.add(root.line(), "", "the file must be a map of " + sections);
            root = null;
        }
        return root == null ? ConfigNode.MapNode.empty(1) : (ConfigNode.MapNode) root;
    }

    /** Parses text as if read from {@code file}; relative paths resolve against {@code baseDir}. */
    public static GridwatchConfig parse(String text, Path file, Path baseDir) throws ConfigException {
        return parse(text, file, baseDir, null);
    }

    /** As {@link #parse(String, Path, Path)}; a non-null {@code dataDir} replaces the file's data_dir. */
    public static GridwatchConfig parse(String text, Path file, Path baseDir, Path dataDir) throws ConfigException {
        Problems problems = new Problems(file);
        ConfigNode.MapNode map = root(text, problems, "sections (nut:, http:, ups:)");
        GridwatchConfig config = bind(new Section(map, "", problems, null, baseDir), file, dataDir);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.list());
        }
        return config;
    }

    private static GridwatchConfig bind(Section root, Path file, Path dataDirOverride) {
        Path fromFile = root.path("data_dir", root.baseDir() == null ? Path.of("gridwatch-data")
                : root.baseDir().resolve("gridwatch-data"), false,
                "Folder for state, history and generated credentials (created if missing). 'gridwatch server "
                        + "--data-dir' and the environment variable GRIDWATCH_DATA_DIR (set in the container image) "
                        + "win over it.");
        Path dataDir = dataDirOverride != null ? dataDirOverride.toAbsolutePath().normalize() : fromFile;
        NutConfig nut = NutBinder.bind(root.section("nut", "The NUT network server (upsd protocol)."));
        HttpConfig http = HttpBinder.bind(root.section("http", "The web dashboard and JSON API."));
        List<UpsConfig> ups = UpsBinder.bind(root);
        SiteConfig site = SiteBinder.bind(root, ups);
        io.gridwatch.history.HistorySettings history = HistoryBinder.bind(
                root.section("history", "History: samples, rollups, charts, energy (SQLite by default)."), dataDir);
        io.gridwatch.history.EnergySettings energy = HistoryBinder.energy(
                root.section("energy", "Energy prices and CO2 factor, for the energy and cost figures."));
        io.gridwatch.notify.NotifySettings notify = NotifyBinder.bind(root.section("notify",
                "Notifications: email, webhooks, ntfy, Discord/Slack/Telegram, MQTT (Home Assistant), syslog."));
        PowMonManSettings powmonman = PowMonManBinder.bind(root, ups);
        io.gridwatch.coordination.CoordinationSettings coordination = CoordinationBinder.bind(root);
        root.finish();
        return new GridwatchConfig(file, dataDir, nut, http, ups, site, history, energy, notify, powmonman,
                coordination);
    }

    /** Every documented key with type, default and meaning. */
    public static KeyDocs document() {
        KeyDocs docs = new KeyDocs();
        Problems ignored = new Problems(null);
        bind(new Section(ConfigNode.MapNode.empty(0), "", ignored, docs, null), null, null);
        return docs;
    }
}
