package io.gridwatch.api;

import io.gridwatch.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read field by field: each getter checks the type and range and names the field in a 400
 * when it is wrong or missing. Immutable.
 */
public final class Body {
    /** The longest name a request may give (a user, a token, a host, a field). */
    public static final int MAX_NAME = 64;
    /** The longest string field, unless the route allows more (a configuration text). */
    public static final int MAX_TEXT = 1024;
    /** The most items of a list field. */
    public static final int MAX_ITEMS = 256;

    private final JsonNode node;

    private Body(JsonNode node) {
        this.node = node;
    }

    public static Body of(String text) {
        return new Body(Json.object(text));
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public JsonNode node() {
        return node;
    }

    public String string(String field) {
        return string(field, MAX_TEXT);
    }

    /** A required string of at most {@code max} characters. */
    public String string(String field, int max) {
        String v = optString(field, max);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(field, "'" + field + "' is required");
        }
        return v;
    }

    public String optString(String field) {
        return optString(field, MAX_TEXT);
    }

    public String optString(String field, int max) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isString()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        String text = v.asString();
        if (text.length() > max) {
            throw ApiException.badRequest(field, "'" + field + "' is " + text.length() + " characters long; at most "
                    + max + " are accepted");
        }
        return text;
    }

    public Integer optInt(String field, int min, int max) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    public Boolean optBool(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field, "'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    public List<String> optStrings(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a list of strings");
        }
        if (v.size() > MAX_ITEMS) {
            throw ApiException.badRequest(field, "'" + field + "' has " + v.size() + " items; at most " + MAX_ITEMS
                    + " are accepted");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isString() || x.asString().length() > MAX_NAME) {
                throw ApiException.badRequest(field, "'" + field + "' must be a list of strings of at most "
                        + MAX_NAME + " characters");
            }
            out.add(x.asString());
        }
        return out;
    }

    /** A duration written like the config file ({@code 90s}, {@code 5m}) or a number of seconds. */
    public Duration optDuration(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        try {
            if (v.isIntegralNumber() && v.asLong() >= 0) {
                return Duration.ofSeconds(v.asLong());
            }
            if (v.isString()) {
                return Durations.parse(v.asString());
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw ApiException.badRequest(field, "'" + field + "' must be a duration like 90s or 10m, or seconds");
    }

    /**
     * The body as a configuration entry: only the {@code known} fields (any other is a 400 naming it and the known
     * ones), a null field left out, each value passed through {@code value} (field name, value) on the way.
     */
    public ObjectNode entry(Set<String> known, BiFunction<String, JsonNode, JsonNode> value) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!known.contains(f.getKey())) {
                String name = Problems.quote(f.getKey());
                throw ApiException.badRequest(name, "unknown field '" + name + "'; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            if (!f.getValue().isNull()) {
                out.set(f.getKey(), value.apply(f.getKey(), f.getValue()));
            }
        }
        return out;
    }
}
