package io.gridwatch.config;

import io.gridwatch.config.ConfigNode.MapNode;
import io.gridwatch.config.ConfigNode.Scalar;
import io.gridwatch.config.ConfigNode.ScalarType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A map of the configuration being bound, with typed accessors. Each accessor reads one key, reports what is
 * wrong with it (with line and dotted path) instead of throwing, returns a usable value either way (the
 * default), and records the key in {@link KeyDocs}. {@link #finish()} reports keys nobody asked for, with a
 * suggestion. Binding thus collects every problem in one pass. Not thread-safe.
 */
public final class Section {
    /** The entry name used in documentation mode, and in documented paths. */
    public static final String NAME_PLACEHOLDER = "<name>";

    private final MapNode node;
    private final String path;
    private final Problems problems;
    private final KeyDocs docs;
    private final Path baseDir;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, String> shownDefaults = new LinkedHashMap<>();
    private final int keyLine;

    /**
     * The top of a file: its map, where problems go, the key catalogue when documenting (else null), and the folder
     * relative paths resolve against. The seam through which a feature binds its own file (the agent's).
     */
    public static Section root(MapNode node, Problems problems, KeyDocs docs, Path baseDir) {
        return new Section(node, "", problems, docs, baseDir);
    }

    Section(MapNode node, String path, Problems problems, KeyDocs docs, Path baseDir) {
        this(node, path, problems, docs, baseDir, node.line());
    }

    private Section(MapNode node, String path, Problems problems, KeyDocs docs, Path baseDir, int keyLine) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.docs = docs;
        this.baseDir = baseDir;
        this.keyLine = keyLine;
    }

    /** Reports a problem with this section as a whole, at the line of its key. */
    public void problem(String message) {
        problems.add(keyLine, path, message);
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return node.entries().containsKey(key);
    }

    /** Where the key was written, or where this section starts. */
    public int line(String key) {
        Integer l = node.keyLines().get(key);
        return l != null ? l : node.line();
    }

    public void problem(String key, String message) {
        problems.add(line(key), path(key), message);
    }

    /**
     * How the reference shows the default of {@code key}, for a default that depends on other keys (call it
     * before reading the key).
     */
    public Section showDefault(String key, String text) {
        shownDefaults.put(key, text);
        return this;
    }

    private Optional<ConfigNode> raw(String key, String type, Object def, String meaning) {
        known.add(key);
        if (docs != null) {
            String shown = shownDefaults.containsKey(key) ? shownDefaults.get(key) : def == null ? "" : String.valueOf(def);
            docs.add(path(key), type, shown, meaning);
        }
        ConfigNode n = node.entries().get(key);
        if (n instanceof Scalar s && s.type() == ScalarType.NULL) {
            return Optional.empty();
        }
        return Optional.ofNullable(n);
    }

    /** Reads a key with a parser that throws IllegalArgumentException("what was expected"). */
    public <T> T value(String key, T def, String type, String meaning, Function<ConfigNode, T> parse) {
        Optional<ConfigNode> n = raw(key, type, describe(def), meaning);
        if (n.isEmpty()) {
            return def;
        }
        try {
            return parse.apply(n.get());
        } catch (IllegalArgumentException e) {
            problems.add(n.get().line(), path(key), e.getMessage() + " (got " + n.get().kind() + ")");
            return def;
        }
    }

    /** A default as the documentation shows it. */
    private static Object describe(Object def) {
        if (def instanceof Duration d) {
            return Durations.format(d);
        }
        if (def instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (def instanceof java.net.InetSocketAddress a) {
            return Addressing.format(a);
        }
        if (def instanceof List<?> l) {
            return l.isEmpty() ? "" : String.join(", ", l.stream().map(x -> String.valueOf(describe(x))).toList());
        }
        return def;
    }

    /** Like {@link #value} but the key must be present. */
    public <T> T required(String key, String type, String meaning, Function<ConfigNode, T> parse) {
        ConfigNode n = node.entries().get(key);
        boolean present = n != null && !(n instanceof Scalar sc && sc.type() == ScalarType.NULL);
        T v = value(key, null, type, meaning + " Required.", parse);
        if (!present && docs == null) {
            problems.add(n != null ? n.line() : node.line(), path(key), "missing: this key is required");
        }
        return v;
    }

    public String string(String key, String def, String meaning) {
        return value(key, def, "string", meaning, Values::string);
    }

    public String requiredString(String key, String meaning) {
        return required(key, "string", meaning, Values::string);
    }

    public int integer(String key, int def, int min, int max, String meaning) {
        return value(key, def, "integer (" + min + "-" + max + ")", meaning, n -> Values.integer(n, min, max));
    }

    public boolean bool(String key, boolean def, String meaning) {
        return value(key, def, "boolean", meaning, Values::bool);
    }

    public Duration duration(String key, Duration def, Duration min, String meaning) {
        return value(key, def, "duration", meaning, n -> Values.duration(n, min));
    }

    public List<String> strings(String key, List<String> def, String meaning) {
        return value(key, def, "list of strings", meaning, Values::strings);
    }

    public <E extends Enum<E>> E choice(String key, E def, Class<E> type, String meaning) {
        String options = String.join(", ", Values.choices(type));
        return value(key, def == null ? null : def, "one of: " + options, meaning, n -> Values.choice(n, type));
    }

    /** A file path, relative to the config file's folder; {@code mustExist} checks it is a readable file. */
    public Path path(String key, Path def, boolean mustExist, String meaning) {
        return value(key, def, "path", meaning, n -> Values.path(n, baseDir, mustExist));
    }

    public Path requiredPath(String key, boolean mustExist, String meaning) {
        return required(key, "path", meaning, n -> Values.path(n, baseDir, mustExist));
    }

    /** A nested map; empty (all defaults) when absent; null after a type problem. */
    public Section section(String key, String meaning) {
        Optional<ConfigNode> n = raw(key, "section", null, meaning);
        if (n.isEmpty()) {
            return new Section(MapNode.empty(line(key)), path(key), problems, docs, baseDir);
        }
        if (n.get() instanceof MapNode m) {
            return new Section(m, path(key), problems, docs, baseDir);
        }
        problems.add(n.get().line(), path(key), "must be a map of settings (got " + n.get().kind() + ")");
        return new Section(MapNode.empty(n.get().line()), path(key), problems, null, baseDir);
    }

    /**
     * A map of named entries (users, UPSes): each entry a section. In documentation mode with no entries, one
     * entry named {@link #NAME_PLACEHOLDER} is returned so that its keys get documented.
     */
    public Map<String, Section> named(String key, String meaning) {
        Section s = section(key, meaning);
        Map<String, Section> out = new LinkedHashMap<>();
        if (s.node.entries().isEmpty() && docs != null) {
            out.put(NAME_PLACEHOLDER, new Section(MapNode.empty(0), s.path(NAME_PLACEHOLDER), problems, docs, baseDir));
            return out;
        }
        for (Map.Entry<String, ConfigNode> e : s.node.entries().entrySet()) {
            s.known.add(e.getKey());
            int at = s.line(e.getKey());
            if (e.getValue() instanceof MapNode m) {
                out.put(e.getKey(), new Section(m, s.path(e.getKey()), problems, docs, baseDir, at));
            } else if (e.getValue() instanceof Scalar sc && sc.type() == ScalarType.NULL) {
                out.put(e.getKey(), new Section(MapNode.empty(at), s.path(e.getKey()), problems, null, baseDir, at));
            } else {
                problems.add(e.getValue().line(), s.path(e.getKey()),
                        "must be a map of settings (got " + e.getValue().kind() + ")");
            }
        }
        return out;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Reports keys of this section that no accessor asked for. */
    public void finish() {
        for (String key : node.entries().keySet()) {
            if (!known.contains(key)) {
                String hint = Values.closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(line(key), path(key), "unknown key" + hint);
            }
        }
    }

    /** Keys present in the file, in file order. */
    public List<String> keys() {
        return new ArrayList<>(node.entries().keySet());
    }

    public boolean documenting() {
        return docs != null;
    }
}
