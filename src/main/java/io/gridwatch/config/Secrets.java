package io.gridwatch.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Write-only secrets in the configuration API: passwords, tokens and signing secrets are shown as
 * {@value #HIDDEN}, and a text sent back with {@value #HIDDEN} still in place keeps the value the file has at
 * that key. So the dashboard's forms and the raw editor can change anything else without ever receiving a
 * secret, and typing a new value replaces it. Stateless.
 */
public final class Secrets {
    public static final String HIDDEN = "********";
    static final Set<String> KEYS = Set.of("password", "secret", "token", "bot_token");
    private static final Pattern LINE = Pattern.compile(
            "^(\\s*)(-\\s+)?([\"']?)([A-Za-z0-9_.<>@-]+)\\3(\\s*:)(\\s*)(.*)$");

    private Secrets() {
    }

    /** {@code text} with every secret's value replaced by {@value #HIDDEN}. */
    public static String hide(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && KEYS.contains(m.group(4)) && hasValue(m.group(7))) {
                out.add(line.substring(0, m.end(6)) + "\"" + HIDDEN + "\"");
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * {@code next} with each {@value #HIDDEN} secret put back from {@code current} (same key path); throws
     * IllegalArgumentException naming the key when there is nothing to put back (a new entry needs the value).
     */
    public static String restore(String next, String current) {
        JsonNode old = ConfigText.tree(current);
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        List<String> out = new ArrayList<>();
        String[] lines = next.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            Matcher m = LINE.matcher(line);
            if (!m.matches() || line.strip().startsWith("#")) {
                out.add(line);
                continue;
            }
            int indent = m.group(1).length() + (m.group(2) == null ? 0 : m.group(2).length());
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                keys.pop();
            }
            String key = m.group(4);
            String value = m.group(7).strip();
            if (KEYS.contains(key) && unquote(value).equals(HIDDEN)) {
                List<String> path = new ArrayList<>(keys);
                java.util.Collections.reverse(path);
                path.add(key);
                JsonNode at = find(old, path, m.group(2) != null);
                if (at == null || !at.isValueNode() || at.isNull()) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + String.join(".", path)
                            + " is " + HIDDEN + " but the file has no value there to keep; type the secret itself");
                }
                line = line.substring(0, m.end(6)) + ConfigText.quoted(at.asString());
            }
            indents.push(new int[] {indent});
            keys.push(key);
            out.add(line);
        }
        return String.join("\n", out);
    }

    private static JsonNode find(JsonNode root, List<String> path, boolean inList) {
        if (inList) {
            return null; // an entry of a list has no stable path; secrets live in named maps
        }
        JsonNode at = root;
        for (String p : path) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(p);
        }
        return at;
    }

    private static boolean hasValue(String v) {
        String s = v.strip();
        return !s.isEmpty() && !s.equals("~") && !s.equals("null") && !s.startsWith("#") && !s.equals("\"\"")
                && !s.equals("''");
    }

    private static String unquote(String v) {
        String s = v.replaceAll("\\s+#.*$", "");
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
