package io.gridwatch.api;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigText;
import io.gridwatch.config.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes the configuration file through the same gate as a hand edit: the changed text is validated as a
 * whole and only then written (with a backup) and put into force. A refusal lists every problem; for an edit
 * of one entry (a host, a schedule) the field at fault is named relative to that entry. Stateless.
 */
final class ConfigEdits {
    private ConfigEdits() {
    }

    /** The current file as a tree; 409 when the file itself is not valid YAML any more. */
    static ObjectNode tree(ApiContext c) {
        ObjectNode t = ConfigText.tree(text(c));
        if (t == null) {
            throw ApiException.conflict("the configuration file is not valid YAML; fix it by hand first");
        }
        return t;
    }

    /** A top-level section of the current file as an object (empty when absent). */
    static ObjectNode section(ApiContext c, String name) {
        JsonNode n = tree(c).get(name);
        return n instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
    }

    /** Replaces section {@code name} with what {@code change} makes of it; {@code entry} names the edited entry. */
    static Site.Applied editSection(ApiContext c, String name, String entry, Consumer<ObjectNode> change, String by) {
        String text = text(c);
        ObjectNode sec = section(c, name).deepCopy();
        change.accept(sec);
        String next = ConfigText.replaceSection(text, name, sec.isEmpty() ? null : sec);
        return apply(c, next, by, entry == null ? null : name + "." + entry + ".");
    }

    /** Validates and applies a whole new text; refusals are 400 (an entry's field named) or 422 (a whole file). */
    static Site.Applied apply(ApiContext c, String next, String by, String entryPrefix) {
        try {
            String current = text(c);
            String withSecrets;
            try {
                withSecrets = io.gridwatch.config.Secrets.restore(next, current);
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable(e.getMessage() + "; nothing was changed", List.of());
            }
            java.nio.file.Path file = c.site().config().source();
            List<io.gridwatch.config.WebEdits.Refusal> refused = io.gridwatch.config.WebEdits.refusals(current,
                    withSecrets, file == null ? null : file.toAbsolutePath().getParent(), c.site().config().dataDir());
            if (!refused.isEmpty()) {
                List<Map<String, Object>> errors = refused.stream().map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", r.path());
                    m.put("message", r.message());
                    return m;
                }).toList();
                io.gridwatch.config.WebEdits.Refusal first = refused.get(0);
                throw new ApiException(403, "Not from the web", first.path() + ": " + first.message()
                        + "; nothing was changed", entryPrefix != null && first.path().startsWith(entryPrefix)
                        ? first.path().substring(entryPrefix.length()) : first.path(), errors);
            }
            return c.site().applyConfig(withSecrets, by);
        } catch (ConfigException e) {
            List<Map<String, Object>> errors = e.problems().stream().map(ConfigEdits::problem).toList();
            Problem first = e.problems().get(0);
            if (entryPrefix != null && first.path() != null && first.path().startsWith(entryPrefix)) {
                throw new ApiException(400, "Invalid request", first.message(),
                        first.path().substring(entryPrefix.length()), errors);
            }
            throw ApiException.unprocessable(e.problems().size() + " problem(s); nothing was changed", errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", p.line());
        m.put("path", p.path());
        m.put("message", p.message());
        return m;
    }

    static Map<String, Object> applied(Site.Applied a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", a.file() == null ? null : a.file().toString());
        m.put("backup", a.backup() == null ? null : a.backup().toString());
        m.put("applied", a.applied());
        m.put("restart_required", a.restartRequired());
        return m;
    }

    private static String text(ApiContext c) {
        try {
            return c.site().configText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
