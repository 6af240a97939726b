package io.gridwatch.api;

import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper.Builder;

/**
 * JSON for the API with Jackson 3 (the project's one JSON library): snake_case names, ISO-8601 times. Also the
 * bridge Javalin uses for {@code ctx.json()}. Immutable.
 */
public final class Json implements JsonMapper {
    public static final ObjectMapper MAPPER = builder().build();

    private static Builder builder() {
        return tools.jackson.databind.json.JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return MAPPER.writeValueAsString(obj);
    }

    @Override
    public <T> T fromJsonString(String json, Type type) {
        return MAPPER.readValue(json, MAPPER.constructType(type));
    }

    /** Parses a request body as a JSON object, or a 400 naming the body. */
    public static JsonNode object(String body) {
        JsonNode n;
        try {
            n = MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw ApiException.badRequest("body", "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + Problems.quote(e.getOriginalMessage()));
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("body", "expected a JSON object");
        }
        return n;
    }
}
