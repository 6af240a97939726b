package io.gridwatch.api;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.ConfigText;
import io.gridwatch.config.GridwatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/config}: the configuration file, read, checked and replaced (whole, or one top-level section
 * from the dashboard's forms). A change is validated as a whole first; a bad one is refused with every problem
 * and the old file stays in force; a good one replaces the file atomically, keeps a backup, and is put into force
 * where that can be done while running (the rest is listed as needing a restart).
 */
final class ConfigRoutes {
    static final Set<String> SECTIONS = Set.of("nut", "http", "ups", "site", "recovery", "hosts", "schedules", "data_dir",
            "history", "energy", "notify", "powmonman");

    /** The longest configuration text the API accepts (a real one is a few kilobytes). */
    static final int MAX_CONFIG = 512 * 1024;

    private ConfigRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/config", Access.ADMIN).doc("config", "The configuration file: its text and its sections as JSON; secrets (passwords, tokens) "
                + "show as ******** and are kept when sent back so")
                .response("Config").handle(ctx -> {
                    String text = io.gridwatch.config.Secrets.hide(text(c));
                    Map<String, Object> m = new LinkedHashMap<>();
                    GridwatchConfig cfg = c.site().config();
                    m.put("file", cfg.source() == null ? null : cfg.source().toString());
                    m.put("text", text);
                    m.put("sections", ConfigText.tree(text));
                    ctx.json(m);
                });
        t.get("/api/v1/config/reference", Access.ADMIN)
                .doc("config", "Every configuration key with type, default and meaning (drives the settings forms)")
                .response("ConfigReference").handle(ctx -> ctx.json(ConfigLoader.document().keys().stream()
                        .map(k -> Map.of("path", k.path(), "type", k.type(),
                                "default", k.defaultValue(), "meaning", k.meaning(),
                                "file_only", io.gridwatch.config.WebEdits.fileOnly(k.path()))).toList()));
        t.put("/api/v1/config", Access.ADMIN).doc("config", "Replace the whole file (YAML text in 'text')")
                .request("ConfigText").response("ConfigApplied").handle(ctx -> {
                    String text = Body.of(ctx.body()).string("text", ConfigRoutes.MAX_CONFIG);
                    ctx.json(ConfigEdits.applied(ConfigEdits.apply(c, text, ApiContext.by(ctx), null)));
                });
        t.post("/api/v1/config/check", Access.ADMIN).doc("config", "Check a text without applying it")
                .request("ConfigText").response("ConfigCheck").handle(ctx -> {
                    String text = Body.of(ctx.body()).string("text", ConfigRoutes.MAX_CONFIG);
                    Path file = c.site().config().source();
                    try {
                        ConfigLoader.parse(text, file, file == null ? null : file.getParent());
                        ctx.json(Map.of("valid", true, "errors", List.of()));
                    } catch (ConfigException e) {
                        ctx.json(Map.of("valid", false, "errors",
                                e.problems().stream().map(ConfigEdits::problem).toList()));
                    }
                });
        t.put("/api/v1/config/{section}", Access.ADMIN)
                .doc("config", "Replace one top-level section (the dashboard's settings forms)")
                .request("ConfigSection").response("ConfigApplied").handle(ctx -> {
                    String section = ctx.pathParam("section");
                    if (!SECTIONS.contains(section)) {
                        throw ApiException.notFound("no section '" + Problems.quote(section) + "'; sections: "
                                + String.join(", ", SECTIONS.stream().sorted().toList()));
                    }
                    JsonNode value = Json.object(ctx.body()).get("value");
                    if (value == null) {
                        throw ApiException.badRequest("value", "'value' is required (null removes the section)");
                    }
                    ctx.json(ConfigEdits.applied(ConfigEdits.apply(c, ConfigText.replaceSection(text(c), section,
                            value.isNull() || (value instanceof ObjectNode o && o.isEmpty()) ? null : value),
                            ApiContext.by(ctx), section + ".")));
                });
    }

    private static String text(ApiContext c) {
        try {
            return c.site().configText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
