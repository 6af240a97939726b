package io.gridwatch.api;

/**
 * One documented HTTP route: method, path (Javalin syntax, {@code {name}} for parameters), who may call it, and
 * what the OpenAPI document says about it. Immutable.
 *
 * @param request  the component schema of the JSON body, or null
 * @param response the component schema of a success, or null for no body
 */
public record Route(String method, String path, Access access, String tag, String summary, String request,
                    String response) {
}
