package io.gridwatch.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem documents ({@code application/problem+json}). Stateless. */
final class Problems {
    private Problems() {
    }

    static Map<String, Object> body(int status, String title, String detail, String field, Object extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("status", status);
        m.put("title", title);
        m.put("detail", detail != null && detail.length() > 4000 ? detail.substring(0, 4000) + "..." : detail);
        if (field != null) {
            m.put("field", field.length() > Body.MAX_NAME ? quote(field) : field);
        }
        if (extra != null) {
            m.put("errors", extra);
        }
        return m;
    }

    /** A client's text as an error message may quote it: a short, escaped prefix. */
    static String quote(String text) {
        return io.gridwatch.protocol.Printable.clip(text);
    }

    static void write(Context ctx, ApiException e) {
        ctx.status(e.status()).contentType("application/problem+json")
                .result(Json.MAPPER.writeValueAsString(body(e.status(), e.title(), e.getMessage(), e.field(), e.extra())));
    }
}
