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
 * The site as Prometheus gauges, read from the hub at scrape time. NUT's side is named and shaped as the widely
 * used nut_exporter makes it, so that its Grafana dashboards work unchanged: every numeric variable (dots and dashes
 * to underscores: {@code network_ups_tools_battery_charge{ups="rack"}}), {@code network_ups_tools_ups_status} with
 * a 1 for each flag the UPS asserts and a forced 0 for each of the exporter's default flags it does not, and
 * {@code network_ups_tools_device_info} (1, with the {@code device.*} values as labels). Gridwatch's own are under
 * {@code gridwatch_}: every standard flag 0/1, availability, drills, sentinels (up, RTT), protected hosts (state,
 * countdown). Thread-safe: it only reads immutable snapshots.
 */
public final class SiteMetrics implements MultiCollector {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    /** nut_exporter's {@code --nut.statuses} default: the flags always exported, 0 when the UPS does not assert them. */
    static final List<String> EXPORTER_FLAGS = List.of("OL", "OB", "LB", "HB", "RB", "CHRG", "DISCHRG", "BYPASS",
            "CAL", "OFF", "OVER", "TRIM", "BOOST", "FSD", "SD");
    /** nut_exporter's device_info labels, each from {@code device.<label>} (empty when the UPS has none). */
    static final List<String> DEVICE_LABELS = List.of("model", "mfr", "serial", "type", "description", "contact",
            "location", "part", "macaddr");
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
            statusFlags(g, s);
            deviceInfo(g, s);
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

    /**
     * {@code network_ups_tools_ups_status} as nut_exporter makes it (each word of {@code ups.status} 1, the default
     * flags not asserted 0), and {@code gridwatch_ups_status_flag}: every standard flag Gridwatch knows, 0 or 1.
     */
    private static void statusFlags(Gauges g, UpsSnapshot s) {
        String ups = s.name().value();
        String line = s.statusLine();
        java.util.Set<String> words = new java.util.LinkedHashSet<>(line == null ? List.of()
                : List.of(line.trim().split("\\s+")));
        words.remove("");
        for (String w : words) {
            g.add("network_ups_tools_ups_status", "UPS Status (ups.status)", Labels.of("flag", w, "ups", ups), 1);
        }
        for (String f : EXPORTER_FLAGS) {
            if (!words.contains(f)) {
                g.add("network_ups_tools_ups_status", "UPS Status (ups.status)", Labels.of("flag", f, "ups", ups), 0);
            }
        }
        EnumSet<StatusFlag> present = EnumSet.noneOf(StatusFlag.class);
        present.addAll(s.status().flags());
        for (StatusFlag f : StatusFlag.values()) {
            g.add("gridwatch_ups_status_flag", "Every standard NUT status flag, 1 while the UPS asserts it",
                    Labels.of("flag", f.name(), "ups", ups), present.contains(f) ? 1 : 0);
        }
    }

    /** {@code network_ups_tools_device_info}: 1, labelled with the UPS's {@code device.*} values. */
    private static void deviceInfo(Gauges g, UpsSnapshot s) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String label : DEVICE_LABELS) {
            String v = s.device().value("device." + label);
            names.add(label);
            values.add(v == null ? "" : v);
        }
        names.add("ups");
        values.add(s.name().value());
        g.add("network_ups_tools_device_info", "UPS Device information", Labels.of(names, values), 1);
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
                if (name.equals("network_ups_tools_ups_status") || name.equals("network_ups_tools_device_info")) {
                    continue; // made above, as nut_exporter makes them
                }
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
