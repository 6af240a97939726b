package io.gridwatch.api;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.guard.LoginGuard;
import io.gridwatch.api.auth.Sessions;
import io.gridwatch.config.HttpConfig;
import io.gridwatch.time.Scheduler;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: the JSON API under {@code /api/v1}, the seed project's client endpoints, the SSE stream and the
 * dashboard's static files, on one port (Javalin on Jetty, virtual threads), HTTPS when a certificate is
 * configured. Every route is declared in a {@link RouteTable} with its access rule; errors leave as JSON
 * problems, never as stack traces or HTML. Start once, close once.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Requests a second from one address (a dashboard opening a page makes a few dozen at once). */
    static final int REQUESTS_PER_SECOND = 200;
    /** Machines' reports a second from one address (a machine reports every few seconds at most). */
    static final int REPORTS_PER_SECOND = 20;
    /** The largest body of a machine's report (the seed's are under 200 bytes). */
    static final int MAX_REPORT_BODY = 16 * 1024;

    private final RateLimiter requests = new RateLimiter(REQUESTS_PER_SECOND, 5 * REQUESTS_PER_SECOND);
    private final RateLimiter reports = new RateLimiter(REPORTS_PER_SECOND, 5 * REPORTS_PER_SECOND);
    private final Javalin app;
    private final Sessions sessions;
    private final RouteTable table;
    private final Streams streams;
    private final List<String> handlers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ServerConnector connector;
    /** The listeners for UPS_Server_Docker's clients: they serve {@link #SEED_PATHS} and nothing else. */
    private final List<ServerConnector> seedConnectors = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final java.util.Set<String> SEED_PATHS = java.util.Set.of("/config", "/upsc", "/status", "/version");

    public HttpApi(Site site, AuthStore auth, HttpConfig http, SSLContext tls, Clock clock, Scheduler scheduler,
                   LoginGuard guard) {
        this.sessions = new Sessions(clock, http.sessionIdle(), site.config().dataDir().resolve("sessions.json"));
        ApiContext c = new ApiContext(site, auth, sessions, guard, tls != null, clock,
                new HostAddresses(clock), new io.gridwatch.clients.UnknownReporters());
        this.table = new RouteTable(new Authenticator(auth, sessions, guard));
        this.streams = new Streams(c, scheduler);
        ApiRoutes.register(table, c, streams);
        this.app = Javalin.create(config -> configure(config, http, tls));
    }

    static {
        // Jetty pads its queues to the cache line, and without this asks the platform MBean server whether
        // references are compressed: that one question loads JMX and Flight Recorder's beans (some 600 classes,
        // a few MB and ~50 ms of every start). 16 is the answer for compressed references on 64-byte lines, the
        // case below 32 GB of heap; a wrong guess costs padding, nothing else.
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
    }

    private void configure(JavalinConfig config, HttpConfig http, SSLContext tls) {
        config.events.handlerAdded(h -> {
            if (h.getHttpMethod().isHttpMethod()) {
                handlers.add(h.getHttpMethod().name() + " " + h.getPath());
            }
        });
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.jsonMapper(new Json());
        config.http.maxRequestSize = 1_000_000;
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
        connectors(config, http, tls);
        config.routes.before(ctx -> guard(ctx, http, tls));
        errors(config);
        table.registerInto(config.routes);
        // the dashboard's files, after every route so that none is shadowed
        DashboardFiles files = new DashboardFiles();
        config.routes.get("/", files::serve);
        config.routes.get("/<path>", files::serve);
    }

    /**
     * The routes that serve the dashboard's files, public (a page and its scripts, no data), outside the route
     * table: they are not API routes and have no OpenAPI entry.
     */
    public static List<String> dashboardRoutes() {
        return List.of("GET /", "GET /<path>");
    }

    /** The dashboard's and API's listener (HTTPS when {@code tls} is given), and each UPS_Server_Docker one. */
    private void connectors(JavalinConfig config, HttpConfig http, SSLContext tls) {
        InetSocketAddress listen = http.listen();
        config.jetty.addConnector((server, httpConfig) -> {
            ServerConnector sc;
            if (tls != null) {
                httpConfig.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setSslContext(tls);
                sc = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(httpConfig));
            } else {
                sc = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
            }
            sc.setHost(listen.getAddress().getHostAddress());
            sc.setPort(listen.getPort());
            connector = sc;
            return sc;
        });
        for (InetSocketAddress seed : http.seed().listen()) {
            config.jetty.addConnector((server, httpConfig) -> {
                // plain HTTP on purpose: the original hub's clients speak nothing else (the operator was told)
                ServerConnector sc = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                sc.setHost(seed.getAddress().getHostAddress());
                sc.setPort(seed.getPort());
                sc.setName("seed");
                seedConnectors.add(sc);
                return sc;
            });
        }
    }

    /**
     * Before every request: a seed listener serves only the seed paths, a report body is bounded before it is
     * read, each address is rate-limited, and the security headers are set.
     */
    private void guard(io.javalin.http.Context ctx, HttpConfig http, SSLContext tls) {
        if (!seedConnectors.isEmpty() && !SEED_PATHS.contains(ctx.path()) && onSeedListener(ctx)) {
            throw ApiException.notFound("this listener serves only UPS_Server_Docker's client endpoints ("
                    + String.join(", ", SEED_PATHS.stream().sorted().toList()) + "); the dashboard and API are on "
                    + http.listen());
        }
        boolean report = ctx.path().equals("/status") || ctx.path().endsWith("/report");
        if (report && ctx.contentLength() > MAX_REPORT_BODY) {
            // a machine's report is a few hundred bytes: refused before its body is read
            throw new ApiException(413, "Content too large", "a report is at most " + MAX_REPORT_BODY
                    + " bytes (this one has " + ctx.contentLength() + ")", "body", null);
        }
        if (!(report ? reports : requests).allow(ctx.ip(), System.nanoTime())) {
            ctx.header("Retry-After", "1");
            throw new ApiException(429, "Too many requests", "too many requests from " + ctx.ip()
                    + "; slow down (at most " + (report ? REPORTS_PER_SECOND : REQUESTS_PER_SECOND)
                    + " a second)", null, null);
        }
        if (tls != null) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CSP);
    }

    /** Errors as problem documents: ours as they are, anything else a 500 (logged), and 404 and 405 in words. */
    private static void errors(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> Problems.write(ctx, e));
        config.routes.exception(PeanutRoutes.PeanutError.class, (e, ctx) -> ctx.status(e.status).json(e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Problems.write(ctx, new ApiException(500, "Internal error", "the server could not do this; its log says why",
                    null, null));
        });
        config.routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (ctx.result() == null || ctx.result().isEmpty() || type == null || !type.contains("json")) {
                Problems.write(ctx, ApiException.notFound("no such resource: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> Problems.write(ctx, new ApiException(405, "Method not allowed",
                ctx.method() + " is not allowed on " + ctx.path(), null, null)));
    }

    private boolean onSeedListener(io.javalin.http.Context ctx) {
        int port = ctx.req().getLocalPort();
        return seedConnectors.stream().anyMatch(sc -> sc.getLocalPort() == port);
    }

    public HttpApi start() {
        app.start();
        LOG.info("HTTP server listening on {}", boundAddress());
        for (ServerConnector sc : seedConnectors) {
            LOG.warn("UPS_Server_Docker client endpoints also on {}:{}, in plain HTTP (their token crosses the "
                    + "network in clear)", sc.getHost(), sc.getLocalPort());
        }
        return this;
    }

    /** Where the listeners for UPS_Server_Docker's clients are (real ports when 0 was configured). */
    public List<InetSocketAddress> seedAddresses() {
        return seedConnectors.stream().map(sc -> new InetSocketAddress(sc.getHost(), sc.getLocalPort())).toList();
    }

    /** Where the server listens (the real port when 0 was configured). */
    public InetSocketAddress boundAddress() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** Every route with its access rule (for the OpenAPI document and the auth-matrix test). */
    public List<Route> routes() {
        return table.routes();
    }

    /** Every method and path Javalin serves, as it registered them (to check none bypasses the route table). */
    public List<String> registeredHandlers() {
        return List.copyOf(handlers);
    }

    @Override
    public void close() {
        streams.close();
        app.stop();
        sessions.flush();
    }
}
