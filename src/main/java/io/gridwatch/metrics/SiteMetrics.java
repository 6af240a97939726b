package io.gridwatch.metrics;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.ClientState;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.StatusFlag;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.Variable;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The site as Prometheus gauges, read from the hub at scrape time. NUT variables are named as the widely used
 * nut_exporter names them ({@code network_ups_tools_battery_charge{ups="rack"}}: every numeric variable, dots
 * to underscores), with {@code network_ups_tools_ups_status{flag="OB"}} 0/1 for every standard flag; Gridwatch's
 * own under {@code gridwatch_}: availability, drills, sentinels (up, RTT) and protected hosts (state, countdown).
 * Thread-safe: it only reads immutable snapshots.
 */
public final class SiteMetrics implements MultiCollector {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    /** Suffixes Prometheus reserves for counters, histograms and info metrics: not gauge names. */
    private static final List<String> RESERVED = List.of("_total", "_created", "_bucket", "_info", "_count", "_sum");

    private final UpsHub hub;
    private final ClientTracker clients;
    private final Clock clock;

    public SiteMetrics(UpsHub hub, ClientTracker clients, Clock clock) {
        this.hub = hub;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<UpsSnapshot> all = hub.snapshots();
        List<MetricSnapshot> out = new ArrayList<>(variables(all));
        Gauges g = new Gauges();
        for (UpsSnapshot s : all) {
            String ups = s.name().value();
            EnumSet<StatusFlag> present = EnumSet.noneOf(StatusFlag.class);
            present.addAll(s.status().flags());
            for (StatusFlag f : StatusFlag.values()) {
                g.add("network_ups_tools_ups_status", "UPS status flag (1: present)",
                        Labels.of("flag", f.name(), "ups", ups), present.contains(f) ? 1 : 0);
            }
            Availability a = hub.availability(s);
            g.add("gridwatch_ups_data_available", "1 when the UPS's data are fresh (no DATA-STALE, driver connected)",
                    Labels.of("ups", ups), a == Availability.OK ? 1 : 0);
            g.add("gridwatch_ups_drill_active", "1 during a drill (simulated outage)", Labels.of("ups", ups),
                    s.drilling() ? 1 : 0);
            g.add("gridwatch_ups_fsd", "1 when forced shutdown is set", Labels.of("ups", ups), s.fsd() ? 1 : 0);
            for (SensorStatus x : s.sensors()) {
                Labels l = Labels.of("sensor", x.name(), "target", x.target() == null ? "" : x.target(), "ups", ups);
                g.add("gridwatch_sentinel_up", "1 when the sentinel or mains sensor answers, 0 when dark",
                        l, x.known() && x.up() ? 1 : 0);
                if (x.lastRtt() != null) {
                    g.add("gridwatch_sentinel_rtt_seconds", "The sensor's last round-trip time", l,
                            x.lastRtt().toNanos() / 1e9);
                }
            }
        }
        for (ClientState c : clients.all()) {
            Labels l = Labels.of("host", c.host(), "state", c.state().wire());
            g.add("gridwatch_client_report_age_seconds", "Seconds since the host last reported (or was acted on)",
                    l, Duration.between(c.at(), clock.instant()).toMillis() / 1000.0);
            Long left = c.remainingNow(clock.instant());
            if (left != null) {
                g.add("gridwatch_client_shutdown_remaining_seconds", "The host's shutdown countdown",
                        Labels.of("host", c.host()), left);
            }
        }
        out.addAll(g.build());
        return new MetricSnapshots(out);
    }

    /** One gauge per numeric NUT variable name, a data point per UPS. */
    private static List<MetricSnapshot> variables(List<UpsSnapshot> all) {
        Gauges g = new Gauges();
        for (UpsSnapshot s : all) {
            for (Variable v : s.device().variables()) {
                if (!NUMBER.matcher(v.value().trim()).matches()) {
                    continue;
                }
                String name = "network_ups_tools_" + INVALID.matcher(v.name()).replaceAll("_");
                if (RESERVED.stream().anyMatch(name::endsWith)) {
                    name = name + "_value";
                }
                g.add(name, "NUT variable " + v.name(), Labels.of("ups", s.name().value()),
                        Double.parseDouble(v.value().trim()));
            }
        }
        return g.build();
    }

    /** Data points grouped by metric name, in name order. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> byName = new TreeMap<>();

        void add(String name, String help, Labels labels, double value) {
            byName.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        List<MetricSnapshot> build() {
            return byName.values().stream().map(b -> (MetricSnapshot) b.build()).toList();
        }
    }
}
