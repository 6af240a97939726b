package io.gridwatch.history;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A UPS's report for a day, a week or a month as one self-contained HTML page (charts are PNG data URIs, no
 * script, no external file), to download now and to mail once notifications exist: status, energy and cost,
 * charge / load / input voltage over the period, the warnings of the period from the event archive, and battery
 * health (age from battery.date, the last self-test result, a replace-battery flag). Stateless.
 */
public final class Report {
    public enum Span { DAY, WEEK, MONTH }

    /** What the report is about. */
    public record Subject(String ups, String description, Map<String, String> variables) {
        /** A UPS as the hub has it now. */
        public static Subject of(io.gridwatch.hub.UpsSnapshot s) {
            Map<String, String> vars = new java.util.TreeMap<>();
            s.device().variables().forEach(v -> vars.put(v.name(), v.value()));
            return new Subject(s.name().value(), s.description(), vars);
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Report() {
    }

    /** The period of {@code span} that ended with the last complete day before {@code now} (site time). */
    public static Instant[] window(Span span, Instant now, ZoneId zone) {
        ZonedDateTime end = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        ZonedDateTime start = switch (span) {
            case DAY -> end.minusDays(1);
            case WEEK -> end.minusDays(7);
            case MONTH -> end.minusMonths(1);
        };
        return new Instant[] {start.toInstant(), end.toInstant()};
    }

    /** The scheduled report of {@code span} (the last complete period), self-contained for a mail. */
    public static String html(HistoryStore store, Subject s, Span span, Instant now, ZoneId zone, Duration interval,
                              EnergySettings prices) throws SQLException {
        Instant[] w = window(span, now, zone);
        return html(store, s, w[0], w[1], span.name().toLowerCase(Locale.ROOT) + " report", now, zone, interval,
                prices, null, Map.of());
    }

    /** The report's stylesheet, as the dashboard serves it at {@code /css/report.css}. */
    static final String CSS = css();

    private static String css() {
        try (var in = Report.class.getResourceAsStream("/io/gridwatch/web/css/report.css")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * The report of {@code [from, to)}. {@code stylesheet} null puts the style in the page (a mail); a URL links it
     * (the dashboard, whose Content-Security-Policy allows no inline style). {@code links}: other periods to offer,
     * label to URL (empty in a mail).
     */
    public static String html(HistoryStore store, Subject s, Instant from, Instant to, String title, Instant now,
                              ZoneId zone, Duration interval, EnergySettings prices, String stylesheet,
                              Map<String, String> links) throws SQLException {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>").append(esc(title)).append(": ")
                .append(esc(s.ups())).append(" · Gridwatch</title>");
        if (stylesheet == null) {
            b.append("<style>").append(CSS).append("</style>");
        } else {
            b.append("<link rel=\"stylesheet\" href=\"").append(esc(stylesheet)).append("\">");
        }
        b.append("</head><body>");
        if (links != null && !links.isEmpty()) {
            b.append("<nav class=\"periods\" aria-label=\"Other periods\">");
            links.forEach((label, url) -> b.append("<a href=\"").append(esc(url)).append("\">").append(esc(label))
                    .append("</a>"));
            b.append("</nav>");
        }
        String shortName = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(now.atZone(zone));
        String zoneName = shortName.equals(zone.getId()) ? zone.getId() : zone.getId() + " " + shortName;
        b.append("<main><h1>").append(esc(s.ups())).append(s.description() == null ? "" : " — " + esc(s.description()))
                .append("</h1><p class=\"muted\">").append(esc(title)).append(", ")
                .append(WHEN.format(from.atZone(zone))).append(" to ").append(WHEN.format(to.atZone(zone)))
                .append(" (").append(esc(zoneName)).append("); made ").append(WHEN.format(now.atZone(zone)))
                .append("</p>");
        b.append("<h2>Now</h2><table>");
        row(b, "Status", s.variables().get("ups.status"));
        row(b, "Battery charge", unit(s.variables().get("battery.charge"), " %"));
        row(b, "Runtime", s.variables().get("battery.runtime") == null ? null
                : Math.round(Double.parseDouble(s.variables().get("battery.runtime")) / 60) + " min");
        row(b, "Load", unit(s.variables().get("ups.load"), " %"));
        b.append("</table>");
        energy(b, store, s, from, to, zone, interval, prices);
        Tier tier = Tier.forRange(Duration.between(from, to), interval);
        chart(b, store, s.ups(), "battery.charge", "Battery charge", "%", from, to, tier, 0.0, 100.0);
        chart(b, store, s.ups(), "ups.load", "Load", "%", from, to, tier, 0.0, 100.0);
        chart(b, store, s.ups(), "input.voltage", "Input voltage", "V", from, to, tier, null, null);
        events(b, store, s.ups(), from, to, zone);
        battery(b, s, now, zone);
        b.append("<p class=\"muted\">Gridwatch</p></main></body></html>");
        return b.toString();
    }

    private static void energy(StringBuilder b, HistoryStore store, Subject s, Instant from, Instant to, ZoneId zone,
                               Duration interval, EnergySettings prices) throws SQLException {
        Energy.Source source = Energy.Source.of(s.variables()::get).orElse(null);
        if (source == null) {
            return; // no power figure to integrate
        }
        List<Energy.Period> days = Energy.periods(store.buckets(s.ups(), source.var(), from, to, Tier.HOUR),
                Duration.ofHours(1), source.nominalW(), interval, Energy.Unit.DAY, zone, prices);
        double kwh = days.stream().mapToDouble(Energy.Period::kwh).sum();
        double cost = days.stream().mapToDouble(Energy.Period::cost).sum();
        double co2 = days.stream().mapToDouble(Energy.Period::co2Kg).sum();
        b.append("<h2>Energy</h2><p>").append(String.format(Locale.ROOT, "%.2f kWh", kwh));
        if (prices.pricePerKwh() > 0 || !prices.tariffs().isEmpty()) {
            b.append(String.format(Locale.ROOT, ", %.2f %s", cost, esc(prices.currency())));
        }
        if (prices.co2KgPerKwh() > 0) {
            b.append(String.format(Locale.ROOT, ", %.2f kg CO₂", co2));
        }
        b.append(" <span class=\"muted\">(from ").append(source.describe()).append(")</span></p>");
    }

    private static void chart(StringBuilder b, HistoryStore store, String ups, String var, String title, String unit,
                              Instant from, Instant to, Tier tier, Double low, Double high) throws SQLException {
        List<HistoryStore.Point> p = store.query(ups, var, from, to, tier);
        if (p.isEmpty()) {
            return;
        }
        double min = p.stream().mapToDouble(HistoryStore.Point::min).min().orElse(0);
        double max = p.stream().mapToDouble(HistoryStore.Point::max).max().orElse(0);
        double avg = p.stream().mapToDouble(HistoryStore.Point::avg).average().orElse(0);
        double lo = low != null ? low : Math.floor(min - Math.max(1, (max - min) * 0.1));
        double hi = high != null ? high : Math.ceil(max + Math.max(1, (max - min) * 0.1));
        byte[] png = ChartImage.png(p, from.toEpochMilli(), to.toEpochMilli(), lo, hi, 720, 180);
        b.append("<h2>").append(esc(title)).append("</h2><img alt=\"").append(esc(title)).append(" chart\" src=\"data:"
                + "image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\"><p class=\"muted\">")
                .append(String.format(Locale.ROOT, "min %.1f %s · average %.1f %s · max %.1f %s; scale %.0f–%.0f %s; %s "
                        + "points", min, unit, avg, unit, max, unit, lo, hi, unit, tier.name().toLowerCase(Locale.ROOT)))
                .append("</p>");
    }

    private static void events(StringBuilder b, HistoryStore store, String ups, Instant from, Instant to, ZoneId zone)
            throws SQLException {
        List<EventArchive.ArchivedEvent> ev = store.events().find(ups, null, "warning", from, to, null, 100);
        b.append("<h2>Warnings</h2>");
        if (ev.isEmpty()) {
            b.append("<p>None in this period.</p>");
            return;
        }
        b.append("<table>");
        for (EventArchive.ArchivedEvent e : ev) {
            b.append("<tr><td>").append(WHEN.format(e.at().atZone(zone))).append("</td><td>").append(esc(e.message()))
                    .append("</td><td class=\"muted\">").append(e.ackedBy() == null ? "" : "acknowledged")
                    .append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void battery(StringBuilder b, Subject s, Instant now, ZoneId zone) {
        b.append("<h2>Battery health</h2><table>");
        String date = s.variables().getOrDefault("battery.date", s.variables().get("battery.mfr.date"));
        LocalDate installed = parseDate(date);
        if (installed != null) {
            Period age = Period.between(installed, now.atZone(zone).toLocalDate());
            row(b, "Age", age.getYears() + " years " + age.getMonths() + " months (battery.date " + date + ")");
        } else {
            row(b, "Age", date == null ? "unknown (the UPS reports no battery.date)" : "unknown (battery.date " + date + ")");
        }
        row(b, "Last self-test", s.variables().getOrDefault("ups.test.result", "not reported"));
        String status = s.variables().getOrDefault("ups.status", "");
        row(b, "Replace battery", List.of(status.split(" ")).contains("RB") ? "yes: the UPS asks for a new battery" : "no");
        b.append("</table>");
    }

    /** NUT's battery.date comes as YYYY/MM/DD, YYYY-MM-DD or MM/DD/YY depending on the driver. */
    static LocalDate parseDate(String text) {
        if (text == null) {
            return null;
        }
        for (String pattern : List.of("yyyy/MM/dd", "yyyy-MM-dd", "MM/dd/yy")) {
            try {
                return LocalDate.parse(text.trim(), DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return null;
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(v == null ? "—" : esc(v)).append("</td></tr>");
    }

    private static String unit(String v, String unit) {
        return v == null ? null : v + unit;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
