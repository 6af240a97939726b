package io.gridwatch.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every route of the server goes through here, with its {@link Access} rule: the handler is wrapped so that the
 * rule is checked before it runs, and a route cannot be added without one. The list feeds the OpenAPI document
 * and the auth-matrix test. Built once at start-up; not thread-safe while building.
 */
final class RouteTable {
    private final Authenticator auth;
    private final List<Route> routes = new ArrayList<>();
    private final List<Runnable> registrations = new ArrayList<>();
    private RoutesConfig target;

    RouteTable(Authenticator auth) {
        this.auth = auth;
    }

    /** Starts documenting a route; finish with {@link Builder#handle}. */
    Builder route(String method, String path, Access access) {
        return new Builder(method, path, access);
    }

    Builder get(String path, Access access) {
        return route("GET", path, access);
    }

    Builder post(String path, Access access) {
        return route("POST", path, access);
    }

    Builder put(String path, Access access) {
        return route("PUT", path, access);
    }

    Builder delete(String path, Access access) {
        return route("DELETE", path, access);
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    void registerInto(RoutesConfig r) {
        target = r;
        registrations.forEach(Runnable::run);
    }

    /** A route being described. */
    final class Builder {
        private final String method;
        private final String path;
        private final Access access;
        private String tag = "";
        private String summary = "";
        private String request;
        private String response;
        private final List<Route.Query> queries = new ArrayList<>();
        private final List<String> produces = new ArrayList<>();
        private boolean basic;

        private Builder(String method, String path, Access access) {
            this.method = method;
            this.path = path;
            this.access = access;
        }

        Builder doc(String tagName, String text) {
            this.tag = tagName;
            this.summary = text;
            return this;
        }

        Builder request(String schema) {
            this.request = schema;
            return this;
        }

        Builder response(String schema) {
            this.response = schema;
            return this;
        }

        /** A query parameter ({@code type}: string, integer, date-time or "one of: a, b"). */
        Builder query(String name, String type, String description) {
            queries.add(new Route.Query(name, type, false, description));
            return this;
        }

        Builder requiredQuery(String name, String type, String description) {
            queries.add(new Route.Query(name, type, true, description));
            return this;
        }

        /** HTTP Basic accepted as well (for clients that send nothing else: PeaNUT's widgets); GET routes only. */
        Builder basic() {
            if (!method.equals("GET")) {
                throw new IllegalStateException("HTTP Basic only on reads: " + method + " " + path);
            }
            this.basic = true;
            return this;
        }

        /** A media type of a success besides (or, with JSON not listed first, instead of) JSON. */
        Builder produces(String mediaType) {
            produces.add(mediaType);
            return this;
        }

        void handle(Handler handler) {
            List<String> types = produces.isEmpty() ? List.of("application/json") : List.copyOf(produces);
            routes.add(new Route(method, path, access, tag, summary, request, response, queries, types));
            java.util.Set<String> known = new java.util.HashSet<>();
            queries.forEach(q -> known.add(q.name()));
            Handler guarded = ctx -> {
                for (String q : ctx.queryParamMap().keySet()) {
                    if (!known.contains(q)) {
                        throw ApiException.badRequest(Problems.quote(q), "unknown query parameter '" + Problems.quote(q)
                                + "' for " + method + " " + path + (known.isEmpty() ? " (it takes none)"
                                : "; known: " + String.join(", ", known.stream().sorted().toList())));
                    }
                }
                auth.require(ctx, access, basic);
                handler.handle(ctx);
            };
            registrations.add(() -> target.addHttpHandler(HandlerType.findOrCreate(method), path, guarded));
        }

        /**
         * A Server-Sent Events stream: the access rule is checked before the stream opens. Any client that asks for
         * the route gets the stream, whether or not it sends {@code Accept: text/event-stream} ({@code curl -N}).
         */
        void stream(Consumer<SseClient> client) {
            SseHandler sse = new SseHandler(client);
            handle(ctx -> sse.handle(acceptingEventStream(ctx)));
        }
    }

    /** {@code ctx} as if its request said {@code Accept: text/event-stream} (Javalin's SSE handler requires it). */
    static io.javalin.http.Context acceptingEventStream(io.javalin.http.Context ctx) {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            return ctx;
        }
        return (io.javalin.http.Context) java.lang.reflect.Proxy.newProxyInstance(
                io.javalin.http.Context.class.getClassLoader(), new Class<?>[] {io.javalin.http.Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("header") && args != null && args.length == 1
                            && "Accept".equalsIgnoreCase(String.valueOf(args[0]))) {
                        return "text/event-stream";
                    }
                    try {
                        return method.invoke(ctx, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
