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

        void handle(Handler handler) {
            routes.add(new Route(method, path, access, tag, summary, request, response));
            Handler guarded = ctx -> {
                auth.require(ctx, access);
                handler.handle(ctx);
            };
            registrations.add(() -> target.addHttpHandler(HandlerType.findOrCreate(method), path, guarded));
        }

        /** A Server-Sent Events stream: the access rule is checked before the stream opens. */
        void stream(Consumer<SseClient> client) {
            SseHandler sse = new SseHandler(client);
            handle(sse);
        }
    }
}
