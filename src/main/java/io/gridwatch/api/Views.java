package io.gridwatch.api;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of hub state: a UPS (summary or in full, with variables, RW descriptions and commands), its
 * sensors, and a client report. Maps rather than records so that the shapes read like the documentation.
 * Stateless.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> ups(UpsHub hub, UpsSnapshot s, Instant onBatterySince, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name().value());
        m.put("description", s.description());
        String status = s.statusLine();
        m.put("status", status);
        List<String> flags = new ArrayList<>();
        s.status().flags().forEach(f -> flags.add(f.name()));
        flags.addAll(s.status().others());
        m.put("flags", flags);
        m.put("on_battery", s.status().onBattery());
        m.put("low_battery", s.status().lowBattery());
        m.put("fsd", s.fsd());
        m.put("on_battery_since", onBatterySince);
        m.put("availability", hub.availability(s).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("drillable", hub.drillable(s.name()));
        m.put("drill", s.drill() == null ? null : Map.of("since", s.drill().since(), "by", s.drill().by(),
                "until", s.drill().until() == null ? "" : s.drill().until().toString()));
        m.put("simulated", "true".equals(s.device().value("ups.simulation")));
        m.put("battery", battery(s));
        m.put("load", number(s, "ups.load"));
        m.put("realpower", number(s, "ups.realpower"));
        m.put("input_voltage", number(s, "input.voltage"));
        m.put("readings", readings(s));
        m.put("sensors", s.sensors().stream().map(Views::sensor).toList());
        m.put("changed", s.changed());
        if (full) {
            Map<String, String> vars = new LinkedHashMap<>();
            List<Map<String, Object>> rw = new ArrayList<>();
            boolean served = hub.availability(s) == Availability.OK;
            for (Variable v : s.device().variables()) {
                vars.put(v.name(), v.name().equals("ups.status") ? status : v.value());
                if (v.writable()) {
                    rw.add(rw(v));
                }
            }
            m.put("variables", served ? vars : Map.of());
            m.put("rw", served ? rw : List.of());
            m.put("commands", List.copyOf(s.device().commands()));
        }
        return m;
    }

    /** What the UPS measures, with units in the names' meaning: volts, watts, volt-amperes, hertz, degrees C. */
    private static Map<String, Object> readings(UpsSnapshot s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("input_voltage", number(s, "input.voltage"));
        r.put("output_voltage", number(s, "output.voltage"));
        r.put("battery_voltage", number(s, "battery.voltage"));
        r.put("realpower", number(s, "ups.realpower"));
        r.put("power", number(s, "ups.power"));
        r.put("input_frequency", number(s, "input.frequency"));
        r.put("output_frequency", number(s, "output.frequency"));
        Number t = number(s, "ups.temperature");
        r.put("temperature", t != null ? t : number(s, "battery.temperature"));
        r.put("self_test", s.device().value("ups.test.result"));
        String date = s.device().value("battery.date");
        r.put("battery_date", date != null ? date : s.device().value("battery.mfr.date"));
        r.values().removeIf(java.util.Objects::isNull);
        return r;
    }

    private static Map<String, Object> battery(UpsSnapshot s) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("charge", number(s, "battery.charge"));
        b.put("runtime", number(s, "battery.runtime"));
        b.put("charge_low", number(s, "battery.charge.low"));
        b.put("runtime_low", number(s, "battery.runtime.low"));
        return b;
    }

    static Number number(UpsSnapshot s, String var) {
        String v = s.device().value(var);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Map<String, Object> rw(Variable v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("value", v.value());
        m.put("type", v.type() instanceof VarType.Text ? "string" : "number");
        m.put("max_length", v.type() instanceof VarType.Text t ? t.maxLength() : null);
        m.put("enum", v.enumValues());
        List<Map<String, Long>> ranges = new ArrayList<>();
        for (Range r : v.ranges()) {
            ranges.add(Map.of("min", r.min(), "max", r.max()));
        }
        m.put("ranges", ranges);
        return m;
    }

    static Map<String, Object> sensor(SensorStatus x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", x.name());
        m.put("target", x.target());
        m.put("state", !x.known() ? "unknown" : x.up() ? "up" : "down");
        m.put("since", x.since());
        m.put("rtt_ms", x.lastRtt() == null ? null : x.lastRtt().toNanos() / 1e6);
        m.put("last_reading", x.lastReading());
        m.put("failures", x.consecutiveFailures());
        m.put("last_error", x.lastError());
        m.put("answering_since", x.answeringSince());
        return m;
    }

    static Map<String, Object> client(ClientState c, Instant now, java.time.Duration staleAfter,
                                      java.time.Duration offlineAfter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host());
        m.put("address", c.address());
        m.put("state", c.state().wire());
        m.put("remaining_seconds", c.remainingNow(now));
        m.put("shutdown_delay", c.shutdownDelay());
        m.put("reported_at", c.at());
        m.put("source", c.source());
        m.put("configured", c.configured());
        if (c.note() != null) {
            m.put("note", c.note());
        }
        boolean offline = c.state() == ClientState.State.SHUTTING_DOWN && c.age(now).compareTo(offlineAfter) > 0;
        boolean reportsItself = c.selfReported();
        m.put("offline", offline);
        m.put("stale", !offline && reportsItself && c.age(now).compareTo(staleAfter) > 0);
        return m;
    }
}
