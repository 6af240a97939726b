package io.gridwatch.notify;

import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.SensorStatus;
import io.gridwatch.hub.UpsSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Home Assistant MQTT discovery and the state documents its entities read. Each UPS is a device with a status,
 * battery and power sensors (only for the variables the UPS has) and "on battery" / "low battery" binary
 * sensors; each sentinel is a connectivity binary sensor on its UPS's device; each protected machine is a device
 * (via its UPS) with its state and shutdown countdown. Config topics are
 * {@code <discovery_prefix>/<component>/<node_id>/<object_id>/config}, each entity's id is set by
 * {@code default_entity_id} (Home Assistant 2025.10 and later; {@code object_id} is no longer honoured). Every entity
 * is available only while Gridwatch is ({@code <prefix>/status}, the client's last will says offline); a UPS's
 * entities also only while its data are current ({@code <prefix>/ups/<ups>/availability}: offline while they are
 * stale or its driver lost contact), so Home Assistant never shows a lost UPS's last state as its state. Stateless.
 */
public final class HomeAssistant {
    /** A message to publish retained. */
    public record Publish(String topic, Map<String, Object> payload) {
    }

    /** NUT variable, state key, name, device class, unit. */
    private record Reading(String var, String key, String name, String deviceClass, String unit) {
    }

    private static final List<Reading> READINGS = List.of(
            new Reading("battery.charge", "charge", "Battery charge", "battery", "%"),
            new Reading("battery.runtime", "runtime", "Battery runtime", "duration", "s"),
            new Reading("ups.load", "load", "Load", null, "%"),
            new Reading("input.voltage", "input_voltage", "Input voltage", "voltage", "V"),
            new Reading("output.voltage", "output_voltage", "Output voltage", "voltage", "V"),
            new Reading("ups.realpower", "realpower", "Power", "power", "W"),
            new Reading("battery.voltage", "battery_voltage", "Battery voltage", "voltage", "V"),
            new Reading("ups.temperature", "temperature", "Temperature", "temperature", "°C"));

    private final String prefix;
    private final String discoveryPrefix;

    public HomeAssistant(String prefix, String discoveryPrefix) {
        this.prefix = prefix;
        this.discoveryPrefix = discoveryPrefix;
    }

    public String availabilityTopic() {
        return prefix + "/status";
    }

    /** Whether a UPS's data are current: {@code online} or {@code offline}, retained. */
    public String upsAvailabilityTopic(String ups) {
        return prefix + "/ups/" + ups + "/availability";
    }

    public String upsTopic(String ups) {
        return prefix + "/ups/" + ups + "/state";
    }

    public String hostTopic(String host) {
        return prefix + "/host/" + host + "/state";
    }

    public String eventTopic() {
        return prefix + "/event";
    }

    /** The state document of a UPS: status words, flags, readings as numbers, sentinels by name. */
    public static Map<String, Object> upsState(UpsSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.statusLine());
        m.put("on_battery", s.status().onBattery());
        m.put("low_battery", s.status().lowBattery());
        m.put("fsd", s.fsd());
        m.put("drill", s.drilling());
        for (Reading r : READINGS) {
            m.put(r.key(), number(s.device().value(r.var())));
        }
        Map<String, Boolean> sensors = new LinkedHashMap<>();
        for (SensorStatus x : s.sensors()) {
            sensors.put(x.name(), x.up());
        }
        m.put("sensors", sensors);
        return m;
    }

    public static Map<String, Object> hostState(ClientState c, String ups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", c.state().name().toLowerCase(Locale.ROOT));
        m.put("remaining_seconds", c.remainingSeconds());
        m.put("ups", ups);
        m.put("reported", c.at().toString());
        return m;
    }

    /** Discovery configs for a UPS and its sentinels. */
    public List<Publish> upsDiscovery(UpsSnapshot s) {
        String ups = s.name().value();
        String node = "gridwatch_" + id(ups);
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(node));
        device.put("name", s.description() == null || s.description().isBlank() ? ups : s.description());
        device.put("manufacturer", orElse(s.device().value("device.mfr"), s.device().value("ups.mfr"), "Gridwatch"));
        device.put("model", orElse(s.device().value("device.model"), s.device().value("ups.model"), "UPS " + ups));
        List<Publish> out = new ArrayList<>();
        String state = upsTopic(ups);
        List<String> available = List.of(availabilityTopic(), upsAvailabilityTopic(ups));
        out.add(entity("sensor", node, "status", "Status", state, "{{ value_json.status }}", device, available,
                Map.of("icon", "mdi:power-plug")));
        for (Reading r : READINGS) {
            if (s.device().value(r.var()) != null && number(s.device().value(r.var())) != null) {
                Map<String, Object> extra = new LinkedHashMap<>();
                if (r.deviceClass() != null) {
                    extra.put("device_class", r.deviceClass());
                }
                extra.put("unit_of_measurement", r.unit());
                extra.put("state_class", "measurement");
                out.add(entity("sensor", node, r.key(), r.name(), state, "{{ value_json." + r.key() + " }}", device,
                        available, extra));
            }
        }
        out.add(entity("binary_sensor", node, "on_battery", "On battery", state,
                "{{ 'ON' if value_json.on_battery else 'OFF' }}", device, available, Map.of("icon", "mdi:battery-alert")));
        out.add(entity("binary_sensor", node, "low_battery", "Low battery", state,
                "{{ 'ON' if value_json.low_battery else 'OFF' }}", device, available, Map.of("device_class", "battery")));
        for (SensorStatus x : s.sensors()) {
            out.add(entity("binary_sensor", node, "sentinel_" + id(x.name()), "Sentinel " + x.name(), state,
                    "{{ 'ON' if value_json.sensors['" + x.name().replace("'", "") + "'] else 'OFF' }}", device,
                    available, Map.of("device_class", "connectivity")));
        }
        return out;
    }

    /** Discovery configs for a protected machine: its state and countdown. */
    public List<Publish> hostDiscovery(String host, String ups) {
        String node = "gridwatch_host_" + id(host);
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(node));
        device.put("name", host);
        device.put("manufacturer", "Gridwatch");
        device.put("model", "Protected machine");
        if (ups != null) {
            device.put("via_device", "gridwatch_" + id(ups));
        }
        String state = hostTopic(host);
        List<String> available = List.of(availabilityTopic());
        // no countdown: the template renders None, which Home Assistant takes as "no value" (not the text 'unknown',
        // which a duration sensor refuses)
        return List.of(
                entity("sensor", node, "state", "Power state", state, "{{ value_json.state }}", device, available,
                        Map.of("icon", "mdi:server")),
                entity("sensor", node, "shutdown_in", "Shutdown in", state,
                        "{{ value_json.remaining_seconds if value_json.remaining_seconds is not none else None }}",
                        device, available, Map.of("device_class", "duration", "unit_of_measurement", "s")));
    }

    /** @param available the availability topics, all of which must say {@code online} */
    private Publish entity(String component, String node, String object, String name, String stateTopic,
                           String template, Map<String, Object> device, List<String> available,
                           Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("unique_id", node + "_" + object);
        p.put("default_entity_id", component + "." + node + "_" + object);
        p.put("state_topic", stateTopic);
        p.put("value_template", template);
        p.put("availability", available.stream().map(t -> Map.of("topic", t, "payload_available", "online",
                "payload_not_available", "offline")).toList());
        p.put("availability_mode", "all");
        p.putAll(extra);
        p.put("device", device);
        return new Publish(discoveryPrefix + "/" + component + "/" + node + "/" + object + "/config", p);
    }

    /** Home Assistant's ids allow [a-zA-Z0-9_-]. */
    static String id(String s) {
        return s.replaceAll("[^a-zA-Z0-9_-]", "_");
    }

    private static Double number(String v) {
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orElse(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
