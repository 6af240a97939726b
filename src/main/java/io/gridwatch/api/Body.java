package io.gridwatch.api;

import io.gridwatch.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body read field by field: each getter checks the type and range and names the field in a 400
 * when it is wrong or missing. Immutable.
 */
public final class Body {
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
        String v = optString(field);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(field, "'" + field + "' is required");
        }
        return v;
    }

    public String optString(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isString()) {
            throw ApiException.badRequest(field, "'" + field + "' must be a string");
        }
        return v.asString();
    }

    public Integer optInt(String field, int min, int max) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
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
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isString()) {
                throw ApiException.badRequest(field, "'" + field + "' must be a list of strings");
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
}
