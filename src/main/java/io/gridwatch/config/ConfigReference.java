package io.gridwatch.config;

import java.util.List;

/**
 * Renders the key catalogue ({@link ConfigLoader#document()}) as docs/configuration.md: every key with its
 * type, default and meaning, grouped by top-level section. A test keeps the checked-in file equal to this.
 * Stateless.
 */
public final class ConfigReference {
    private ConfigReference() {
    }

    public static String markdown() {
        List<KeyDocs.Key> keys = ConfigLoader.document().keys();
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration reference\n\n")
                .append("Generated from the key catalogue by `gridwatch config-reference`; do not edit by hand.\n")
                .append("One YAML file, passed with `gridwatch server --config FILE`. Every problem is reported at once ")
                .append("with file, line and key path, and nothing starts until the file is clean ")
                .append("(`gridwatch check-config FILE` checks it without starting). Relative paths are relative to ")
                .append("the config file. Durations: `500ms`, `30s`, `5m`, `2h`, `1d` or a plain number of seconds. ")
                .append("`<name>` stands for a name you choose.\n");
        String section = null;
        for (KeyDocs.Key k : keys) {
            if (k.type().equals("section")) {
                continue;
            }
            String top = k.path().contains(".") ? k.path().substring(0, k.path().indexOf('.')) : "(top level)";
            if (!top.equals(section)) {
                section = top;
                sb.append("\n## ").append(top.equals("(top level)") ? "Top level" : "`" + top + ":`").append("\n\n")
                        .append("| key | type | default | meaning |\n|---|---|---|---|\n");
            }
            sb.append("| `").append(k.path()).append("` | ").append(cell(k.type())).append(" | ")
                    .append(k.defaultValue().isEmpty() ? "" : "`" + cell(k.defaultValue()) + "`").append(" | ")
                    .append(cell(k.meaning())).append(" |\n");
        }
        return sb.toString();
    }

    /** Keys as a Markdown table (sections left out). */
    public static String table(List<KeyDocs.Key> keys) {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (KeyDocs.Key k : keys) {
            if (k.type().equals("section")) {
                continue;
            }
            sb.append("| `").append(k.path()).append("` | ").append(cell(k.type())).append(" | ")
                    .append(k.defaultValue().isEmpty() ? "" : "`" + cell(k.defaultValue()) + "`").append(" | ")
                    .append(cell(k.meaning())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
