package io.gridwatch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each value came from (line numbers for error messages).
 * Scalars keep their text and whether YAML read them as a string, number, boolean or null. Immutable once
 * read.
 */
public sealed interface ConfigNode {
    int line();

    /** A short name of the node's kind, for messages ("a list", "a map", ...). */
    String kind();

    enum ScalarType { STRING, NUMBER, BOOLEAN, NULL }

    record Scalar(String text, ScalarType type, int line) implements ConfigNode {
        public String kind() {
            return type == ScalarType.NULL ? "nothing" : "'" + text + "'";
        }
    }

    record ListNode(List<ConfigNode> items, int line) implements ConfigNode {
        public String kind() {
            return "a list";
        }
    }

    /** A map; entries keep file order; {@code keyLines} are where each key was written. */
    record MapNode(Map<String, ConfigNode> entries, Map<String, Integer> keyLines, int line) implements ConfigNode {
        public MapNode {
            entries = new LinkedHashMap<>(entries);
            keyLines = new LinkedHashMap<>(keyLines);
        }

        public String kind() {
            return "a map";
        }

        public static MapNode empty(int line) {
            return new MapNode(Map.of(), Map.of(), line);
        }
    }
}
