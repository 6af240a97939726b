package io.gridwatch.config.migrate;

/**
 * Builds a YAML configuration line by line, the way the importers write it: indented keys, flow maps for small
 * entries, comments that say where a value came from. {@link #q} quotes a scalar the JSON way, which is valid
 * YAML for any text. Not thread-safe.
 */
final class YamlText {
    private final StringBuilder sb = new StringBuilder();

    YamlText line(String s) {
        sb.append(s).append('\n');
        return this;
    }

    YamlText comment(String s) {
        sb.append(s.isEmpty() ? "#" : "# " + s).append('\n');
        return this;
    }

    YamlText blank() {
        sb.append('\n');
        return this;
    }

    /** A double-quoted YAML scalar: backslash, quote and control characters escaped. */
    static String q(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A flow list of quoted scalars: {@code ["a", "b"]}. */
    static String list(java.util.Collection<String> items) {
        return "[" + String.join(", ", items.stream().map(YamlText::q).toList()) + "]";
    }

    /** A name made safe as a YAML key and Gridwatch name: letters, digits, {@code . _ -}; never empty. */
    static String key(String name) {
        String s = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "entry" : s;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
