package io.gridwatch.api;

import io.gridwatch.metrics.SiteMetrics;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;

/**
 * {@code GET /metrics}: the Prometheus text format, for a scraper with a read token ({@code authorization:
 * credentials} in prometheus.yml). One registry per server: the site's gauges, read at scrape time, and the JVM's.
 * The registry is made at the first scrape, not at start-up: the JVM metrics bring in the platform's management
 * beans (and Flight Recorder's), some 600 classes a server that is never scraped does not need.
 */
final class MetricsRoutes {
    private MetricsRoutes() {
    }

    /** The registry and its writer, made once, at the first scrape. */
    private static final class Scraper {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

        Scraper(ApiContext c) {
            registry.register(new SiteMetrics(c.site().hub(), c.site().clients(), c.clock()));
            JvmMetrics.builder().register(registry);
        }
    }

    static void register(RouteTable t, ApiContext c) {
        java.util.function.Supplier<Scraper> scraper = new java.util.function.Supplier<>() {
            private Scraper made;

            @Override
            public synchronized Scraper get() {
                if (made == null) {
                    made = new Scraper(c);
                }
                return made;
            }
        };
        t.get("/metrics", Access.READ).doc("meta", "Prometheus metrics: NUT variables as nut_exporter names them, "
                + "Gridwatch's own, the JVM").produces("text/plain; version=0.0.4").handle(ctx -> {
                    Scraper s = scraper.get();
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
                    s.writer.write(out, s.registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
                    ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
                });
    }
}
