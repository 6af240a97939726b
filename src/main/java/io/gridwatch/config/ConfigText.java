package io.gridwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Edits a configuration file's text one top-level section at a time, so that the API and the dashboard can
 * change {@code hosts:} or {@code schedules:} and leave the rest of the file (its comments included) exactly as
 * the user wrote it. The edited section is written anew (its own comments are not kept). Stateless.
 */
public final class ConfigText {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private ConfigText() {
    }

    /** The file as a tree (empty object for an empty file); null when it is not valid YAML. */
    public static ObjectNode tree(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || n.isMissingNode() || n.isNull()) {
                return YAML.createObjectNode();
            }
            return n.isObject() ? (ObjectNode) n : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@code text} with the top-level section {@code key} replaced by {@code value} (removed when null). */
    public static String replaceSection(String text, String key, Object value) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isKeyLine(lines.get(i), key)) {
                start = i;
                break;
            }
        }
        List<String> block = value == null ? List.of() : render(key, value);
        if (start < 0) {
            StringBuilder sb = new StringBuilder(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                sb.append('\n');
            }
            block.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
        int end = start + 1;
        while (end < lines.size() && !isTopLevel(lines.get(end))) {
            end++;
        }
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--; // blank lines and column-0 comments before the next section belong to it
        }
        List<String> out = new ArrayList<>(lines.subList(0, start));
        out.addAll(block);
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }

    private static List<String> render(String key, Object value) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(key, value);
        String yaml = YAML.writeValueAsString(doc);
        List<String> out = new ArrayList<>(List.of(yaml.split("\n")));
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** {@code s} as a YAML double-quoted scalar (JSON's string syntax is valid YAML). */
    static String quoted(String s) {
        return JSON.writeValueAsString(s);
    }

    private static boolean isKeyLine(String line, String key) {
        return line.startsWith(key + ":") || line.startsWith("\"" + key + "\":") || line.startsWith("'" + key + "':");
    }

    private static boolean isTopLevel(String line) {
        return !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#';
    }
}
