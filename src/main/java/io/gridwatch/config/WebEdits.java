package io.gridwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a change made through the web (the configuration API, the dashboard's forms) may not do, because an
 * account on the dashboard must not be able to make the server run a program or read an arbitrary file:
 * <ul>
 *   <li><b>file-only keys</b> ({@link #FILE_ONLY}): a program to run or a device to read (the command and gpio
 *       drivers, {@code gpioget}, a GPIO value file), an agentless host's SSH login (user, key, command, host key:
 *       a way to run a program on another machine), the data folder, NUT's description table; they can only be
 *       changed by editing the file;</li>
 *   <li><b>files</b>: every other key that names a file, and a SQLite history database, must stay inside the
 *       configuration's folder or the data folder;</li>
 *   <li><b>lock-outs</b>: removing the last NUT user (no upsmon could log in) or the {@code http} section (the
 *       dashboard itself would move) is refused.</li>
 * </ul>
 * Hand edits are not checked here: whoever can edit the file can run programs anyway. Stateless.
 */
public final class WebEdits {
    /** Key paths ({@code <name>}: any entry) that only the file may change. */
    public static final List<String> FILE_ONLY = List.of("data_dir", "nut.cmdvartab", "ups.<name>.command",
            "ups.<name>.gpioget", "ups.<name>.value_file", "ups.<name>.chip",
            // an SSH login is a way to run a program on another machine: who, where, with which key, what
            "hosts.<name>.shutdown.ssh.user", "hosts.<name>.shutdown.ssh.key", "hosts.<name>.shutdown.ssh.password",
            "hosts.<name>.shutdown.ssh.command", "hosts.<name>.shutdown.ssh.port", "hosts.<name>.shutdown.ssh.host_key",
            "hosts.<name>.shutdown.ssh.known_hosts",
            // which database decides who leads the site, and as whom: a wrong one makes two leaders
            "coordination.site", "coordination.server", "coordination.url", "coordination.user",
            "coordination.password");
    /** Drivers that run a program or read a device: a UPS using one can be added, removed or switched only in the file. */
    static final Set<String> PROGRAM_DRIVERS = Set.of("command", "gpio");

    private WebEdits() {
    }

    /** One refusal: the key path and why. */
    public record Refusal(String path, String message) {
    }

    /** Whether a catalogue key may be changed from the web (for the settings forms). */
    public static boolean fileOnly(String catalogueKey) {
        return FILE_ONLY.contains(catalogueKey);
    }

    /**
     * Why {@code next} may not replace {@code current} from the web (empty: it may).
     *
     * @param configDir the folder of the configuration file (relative paths are read from there)
     * @param dataDir   the data folder in force
     */
    public static List<Refusal> refusals(String current, String next, Path configDir, Path dataDir) {
        JsonNode old = ConfigText.tree(current);
        JsonNode neu = ConfigText.tree(next);
        List<Refusal> out = new ArrayList<>();
        if (neu == null) {
            return out; // not YAML: the configuration check refuses it with the parser's words
        }
        Map<String, String> before = flatten(old);
        Map<String, String> after = flatten(neu);
        if (hasUsers(old) && !hasUsers(neu)) {
            out.add(new Refusal("nut.users", "the last NUT user cannot be removed from the web: no upsmon could log in "
                    + "any more; keep one, or edit the file by hand"));
        }
        if (old != null && old.has("http") && (!neu.has("http") || !neu.get("http").isObject())) {
            out.add(new Refusal("http", "the http section cannot be removed from the web: the dashboard would move; "
                    + "edit the file by hand"));
        }
        for (String path : union(before, after)) {
            String was = before.get(path);
            String now = after.get(path);
            if (Objects.equals(was, now)) {
                continue;
            }
            String key = catalogueKey(path);
            if (FILE_ONLY.contains(key)) {
                out.add(new Refusal(path, "can only be changed in the configuration file (it names a program to run "
                        + "or a file or device to read)"));
            } else if (key.equals("ups.<name>.driver") && (PROGRAM_DRIVERS.contains(unquote(was))
                    || PROGRAM_DRIVERS.contains(unquote(now)))) {
                out.add(new Refusal(path, "a UPS with the command or gpio driver can only be added, removed or changed "
                        + "to or from that driver in the configuration file (it runs a program or reads a device)"));
            } else if (now != null && "path".equals(TYPES.get(key)) && !inside(unquote(now), configDir, dataDir)) {
                out.add(new Refusal(path, "'" + io.gridwatch.protocol.Printable.clip(unquote(now)) + "' is outside the "
                        + "configuration's folder and the data folder; a file elsewhere can only be named in the file"));
            } else if (now != null && key.equals("history.url") && unquote(now).startsWith("jdbc:sqlite:")
                    && !inside(unquote(now).substring("jdbc:sqlite:".length()).replaceAll("\\?.*$", ""), configDir,
                    dataDir)) {
                out.add(new Refusal(path, "a SQLite database outside the configuration's folder and the data folder "
                        + "can only be named in the file"));
            }
        }
        return out;
    }

    private static final Map<String, String> TYPES = types();

    private static Map<String, String> types() {
        Map<String, String> m = new LinkedHashMap<>();
        ConfigLoader.document().keys().forEach(k -> m.put(k.path(), k.type()));
        return m;
    }

    private static final Pattern ENTRY = Pattern.compile("^(ups|hosts|schedules|nut\\.users|notify\\.channels)\\.([^.]+)");

    /** {@code ups.rack.command} becomes {@code ups.<name>.command}. */
    static String catalogueKey(String path) {
        return ENTRY.matcher(path).replaceFirst("$1." + Section.NAME_PLACEHOLDER);
    }

    private static boolean inside(String file, Path configDir, Path dataDir) {
        if (file.isBlank()) {
            return true;
        }
        Path base = configDir == null ? Path.of("").toAbsolutePath() : configDir.toAbsolutePath();
        Path p = base.resolve(file).toAbsolutePath().normalize();
        Path real = realish(p);
        for (Path allowed : new Path[] {base, dataDir == null ? null : dataDir.toAbsolutePath()}) {
            if (allowed != null && (real.startsWith(realish(allowed.normalize())))) {
                return true;
            }
        }
        return false;
    }

    /** The real path of {@code p}, or of its nearest existing parent with the rest appended (links followed). */
    private static Path realish(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (java.io.IOException e) {
            return p;
        }
    }

    private static boolean hasUsers(JsonNode tree) {
        JsonNode users = tree == null ? null : tree.at("/nut/users");
        return users != null && users.isObject() && !users.isEmpty();
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> out = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(out::add);
        return out;
    }

    /** Every leaf of the tree by dotted path; a list counts as one value. */
    private static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null) {
            flatten(root, "", out);
        }
        return out;
    }

    private static void flatten(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else {
            out.put(path, n.isString() ? "\"" + n.asString() + "\"" : n.toString());
        }
    }

    private static String unquote(String v) {
        if (v == null) {
            return "";
        }
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
