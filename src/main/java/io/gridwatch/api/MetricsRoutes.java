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
 */
final class MetricsRoutes {
    private MetricsRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new SiteMetrics(c.site().hub(), c.site().clients(), c.clock()));
        JvmMetrics.builder().register(registry);
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        t.get("/metrics", Access.READ).doc("meta", "Prometheus metrics: NUT variables as nut_exporter names them, "
                + "Gridwatch's own, the JVM").produces("text/plain; version=0.0.4").handle(ctx -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
                    writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
                    ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
                });
    }
}
