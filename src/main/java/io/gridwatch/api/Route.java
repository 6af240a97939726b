package io.gridwatch.api;

/**
 * One documented HTTP route: method, path (Javalin syntax, {@code {name}} for parameters), who may call it, and
 * what the OpenAPI document says about it. Immutable.
 *
 * @param request  the component schema of the JSON body, or null
 * @param response the component schema of a success, or null for no body
 * @param queries  the query parameters it accepts
 * @param produces the media types of a success (JSON unless said otherwise; CSV, HTML, metrics text, events)
 */
public record Route(String method, String path, Access access, String tag, String summary, String request,
                    String response, java.util.List<Query> queries, java.util.List<String> produces) {

    /** A query parameter the route accepts; any other is refused with a 400 naming it. */
    public record Query(String name, String type, boolean required, String description) {
    }

    public Route {
        queries = java.util.List.copyOf(queries);
        produces = java.util.List.copyOf(produces);
    }
}
