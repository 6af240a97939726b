package io.gridwatch.api;

import io.gridwatch.config.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 document of the API, built from the route table (so no route goes undocumented) and the schema
 * catalogue in {@code openapi-components.json}. Every route lists its security: none, or a session cookie or a
 * Bearer token with the access it needs. Stateless.
 */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Gridwatch API", "version", Version.current(),
                "description", "Power state of every UPS on the site, hosts, drills, schedules, events, configuration. "
                        + "Errors are RFC 9457 problems. Writes from the dashboard need the X-CSRF-Token header."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas());
        components.put("securitySchemes", Map.of(
                "session", Map.of("type", "apiKey", "in", "cookie", "name", Authenticator.COOKIE),
                "token", Map.of("type", "http", "scheme", "bearer")));
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(r.tag()));
        op.put("summary", r.summary());
        op.put("operationId", r.method().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("x-access", r.access().name().toLowerCase(Locale.ROOT));
        op.put("security", r.access() == Access.PUBLIC ? List.of()
                : List.of(Map.of("session", List.of()), Map.of("token", List.of())));
        Matcher m = PARAM.matcher(r.path());
        List<Map<String, Object>> params = new java.util.ArrayList<>();
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Query q : r.queries()) {
            params.add(Map.of("name", q.name(), "in", "query", "required", q.required(), "description",
                    q.description(), "schema", schema(q.type())));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.request() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", ref(r.request())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        boolean json = r.produces().equals(List.of("application/json"));
        String ok = r.method().equals("DELETE") || r.response() == null && json ? "204" : "200";
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : r.produces()) {
            content.put(type, type.equals("application/json") && r.response() != null ? Map.of("schema",
                    ref(r.response())) : Map.of("schema", Map.of("type", "string")));
        }
        responses.put(ok, r.response() == null && json
                ? Map.of("description", "done") : Map.of("description", "success", "content", content));
        responses.put("default", Map.of("description", "a problem", "content",
                Map.of("application/problem+json", Map.of("schema", ref("Problem")))));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> schema(String type) {
        if (type.startsWith("one of: ")) {
            return Map.of("type", "string", "enum", List.of(type.substring("one of: ".length()).split(", ")));
        }
        return switch (type) {
            case "integer" -> Map.of("type", "integer");
            case "date-time" -> Map.of("type", "string", "format", "date-time");
            default -> Map.of("type", "string");
        };
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    static JsonNode schemas() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi-components.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
