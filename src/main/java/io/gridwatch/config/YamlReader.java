package io.gridwatch.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML text into a {@link ConfigNode} tree with line numbers, using Jackson's streaming YAML parser.
 * Syntax errors and duplicate keys become {@link Problems}, never exceptions; the rest of the file is still
 * read where possible. Stateless.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final int MAX_DEPTH = 64;

    private YamlReader() {
    }

    /** The document's root, or null when the text is empty or could not be parsed (problems say why). */
    public static ConfigNode read(String text, Problems problems) {
        // the streaming parser alone: no data binding (the agent loads this, and stays small without it)
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), new SurrogateSafeReader(text))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            ConfigNode root = node(p, t, problems, "", 0);
            return root;
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(line, "", "not valid YAML: " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (IllegalStateException e) {
            problems.add(0, "", e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // a fault of the YAML library itself: still a clear refusal, never a crash
            problems.add(0, "", "the YAML parser failed on this file (" + e + ")");
            return null;
        }
    }

    private static ConfigNode node(JsonParser p, JsonToken t, Problems problems, String path, int depth) {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("nested deeper than " + MAX_DEPTH + " levels at line " + line);
        }
        return switch (t) {
            case START_OBJECT -> map(p, problems, path, depth, line);
            case START_ARRAY -> list(p, problems, path, depth, line);
            case VALUE_STRING -> new ConfigNode.Scalar(p.getString(), ConfigNode.ScalarType.STRING, line);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new ConfigNode.Scalar(p.getString(), ConfigNode.ScalarType.NUMBER, line);
            case VALUE_TRUE, VALUE_FALSE -> new ConfigNode.Scalar(p.getString(), ConfigNode.ScalarType.BOOLEAN, line);
            case VALUE_NULL -> new ConfigNode.Scalar("", ConfigNode.ScalarType.NULL, line);
            default -> new ConfigNode.Scalar(p.getString() == null ? "" : p.getString(),
                    ConfigNode.ScalarType.STRING, line);
        };
    }

    private static ConfigNode map(JsonParser p, Problems problems, String path, int depth, int line) {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT && t != null) {
            String key = p.currentName();
            int keyLine = p.currentTokenLocation().getLineNr();
            String childPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode value = node(p, p.nextToken(), problems, childPath, depth + 1);
            if (entries.containsKey(key)) {
                problems.add(keyLine, childPath, "duplicate key (first given on line " + keyLines.get(key) + ")");
                continue;
            }
            entries.put(key, value);
            keyLines.put(key, keyLine);
        }
        return new ConfigNode.MapNode(entries, keyLines, line);
    }

    private static ConfigNode list(JsonParser p, Problems problems, String path, int depth, int line) {
        List<ConfigNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            items.add(node(p, t, problems, path + "[" + items.size() + "]", depth + 1));
        }
        return new ConfigNode.ListNode(items, line);
    }

    /**
     * Hands the text to the YAML parser in chunks that never end between the two halves of a surrogate pair:
     * snakeyaml-engine fails with IndexOutOfBoundsException when an emoji straddles its 1024-character buffer
     * (found by ConfigFuzzTest; see the regression test in ConfigLoaderTest).
     */
    private static final class SurrogateSafeReader extends Reader {
        private final String text;
        private int pos;

        SurrogateSafeReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos >= text.length()) {
                return -1;
            }
            int n = Math.min(len, text.length() - pos);
            if (n > 1 && Character.isHighSurrogate(text.charAt(pos + n - 1))) {
                n--;
            }
            text.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
