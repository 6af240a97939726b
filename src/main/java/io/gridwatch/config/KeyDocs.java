package io.gridwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of configuration keys, filled as a side effect of binding: every accessor of
 * {@link Section} records its key's path, type, default and meaning. Binding an empty configuration in
 * documentation mode therefore yields the complete reference (docs/configuration.md). Not thread-safe.
 */
public final class KeyDocs {
    /** One documented key; {@code path} uses {@code <name>} for entries of named maps. */
    public record Key(String path, String type, String defaultValue, String meaning) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    void add(String path, String type, String defaultValue, String meaning) {
        keys.putIfAbsent(path, new Key(path, type, defaultValue, meaning));
    }

    public List<Key> keys() {
        return new ArrayList<>(keys.values());
    }
}
