package io.gridwatch.api;

import io.gridwatch.config.Version;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenAPI document and a summary of the server. */
final class MetaRoutes {
    private MetaRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/openapi.json", Access.PUBLIC).doc("meta", "This API's OpenAPI 3.1 document")
                .response("OpenApi").handle(ctx -> ctx.json(OpenApi.document(t.routes())));
        t.get("/favicon.ico", Access.PUBLIC).doc("meta", "The dashboard's icon").produces("image/x-icon")
                .handle(ctx -> ctx.contentType("image/x-icon").header("Cache-Control", "max-age=86400")
                        .result(Favicon.ICO));
        t.get("/api/v1/info", Access.READ).doc("meta", "The server: version, NUT addresses, UPSes")
                .response("Info").handle(ctx -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", Version.current());
                    m.put("nut", c.site().nutAddresses().stream().map(MetaRoutes::address).toList());
                    m.put("ups", c.site().hub().names().stream().map(Object::toString).toList());
                    m.put("config_file", c.site().config().source() == null ? null : c.site().config().source().toString());
                    m.put("timezone", c.site().config().site().zone().getId());
                    ctx.json(m);
                });
    }

    private static String address(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
