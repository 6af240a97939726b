package io.gridwatch.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Home Assistant's MQTT discovery schema (2026.4: {@code homeassistant/components/mqtt}, the sensor and
 * binary_sensor platforms and the shared entity schema) that a discovery payload of ours can get wrong: unknown or
 * removed keys ({@code object_id} is no longer honoured; {@code default_entity_id} must name the platform), the
 * required ones, the availability list, device classes and the units each allows, the state class.
 */
final class HomeAssistantSchema {
    private static final Set<String> ENTITY = Set.of("availability", "availability_mode", "availability_template",
            "availability_topic", "default_entity_id", "device", "enabled_by_default", "encoding", "entity_category",
            "entity_picture", "icon", "json_attributes_template", "json_attributes_topic", "name", "origin",
            "payload_available", "payload_not_available", "platform", "qos", "unique_id");
    private static final Map<String, Set<String>> PLATFORM = Map.of(
            "sensor", Set.of("device_class", "expire_after", "force_update", "last_reset_value_template", "options",
                    "state_class", "state_topic", "suggested_display_precision", "unit_of_measurement",
                    "value_template"),
            "binary_sensor", Set.of("device_class", "expire_after", "force_update", "off_delay", "payload_off",
                    "payload_on", "state_topic", "value_template"));
    private static final Set<String> DEVICE = Set.of("configuration_url", "connections", "hw_version", "identifiers",
            "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device");
    /** Sensor device classes we use, with the units Home Assistant accepts for each. */
    private static final Map<String, Set<String>> SENSOR_UNITS = Map.of(
            "battery", Set.of("%"),
            "duration", Set.of("d", "h", "min", "s", "ms"),
            "voltage", Set.of("V", "mV", "µV", "kV", "MV"),
            "power", Set.of("W", "kW", "mW", "MW", "GW", "TW", "BTU/h"),
            "temperature", Set.of("°C", "°F", "K"));
    private static final Set<String> BINARY_CLASSES = Set.of("battery", "battery_charging", "carbon_monoxide", "cold",
            "connectivity", "door", "garage_door", "gas", "heat", "light", "lock", "moisture", "motion", "moving",
            "occupancy", "opening", "plug", "power", "presence", "problem", "running", "safety", "smoke", "sound",
            "tamper", "update", "vibration", "window");
    private static final Set<String> STATE_CLASSES = Set.of("measurement", "measurement_angle", "total",
            "total_increasing");

    private HomeAssistantSchema() {
    }

    /** What Home Assistant would refuse or ignore in {@code payload} for {@code component}, in words. */
    static List<String> problems(String component, JsonNode payload) {
        List<String> out = new ArrayList<>();
        String id = payload.path("unique_id").asString("?");
        Set<String> platform = PLATFORM.get(component);
        if (platform == null) {
            out.add(id + ": platform " + component + " is not one of ours");
            return out;
        }
        for (String key : payload.propertyNames()) {
            if (!ENTITY.contains(key) && !platform.contains(key)) {
                out.add(id + ": " + key + " is not a " + component + " option");
            }
        }
        for (String required : List.of("state_topic", "unique_id", "name")) {
            if (!payload.hasNonNull(required)) {
                out.add(id + ": " + required + " is missing");
            }
        }
        if (payload.has("default_entity_id")
                && !payload.get("default_entity_id").asString().matches(component + "\\.[a-z0-9_]+")) {
            out.add(id + ": default_entity_id must be " + component + ".<lower-case id>");
        }
        if (payload.has("availability") && payload.has("availability_topic")) {
            out.add(id + ": availability and availability_topic exclude each other");
        }
        for (JsonNode a : payload.path("availability")) {
            if (!a.hasNonNull("topic")) {
                out.add(id + ": an availability entry has no topic");
            }
        }
        if (payload.has("availability_mode")
                && !Set.of("all", "any", "latest").contains(payload.get("availability_mode").asString())) {
            out.add(id + ": availability_mode must be all, any or latest");
        }
        for (String key : payload.path("device").propertyNames()) {
            if (!DEVICE.contains(key)) {
                out.add(id + ": device." + key + " is not a device option");
            }
        }
        String deviceClass = payload.path("device_class").asString(null);
        if (component.equals("sensor")) {
            if (deviceClass != null) {
                Set<String> units = SENSOR_UNITS.get(deviceClass);
                String unit = payload.path("unit_of_measurement").asString(null);
                if (units == null) {
                    out.add(id + ": sensor device class " + deviceClass + " is not checked here");
                } else if (!units.contains(unit)) {
                    out.add(id + ": " + deviceClass + " does not take the unit " + unit);
                }
            }
            if (payload.has("state_class") && !STATE_CLASSES.contains(payload.get("state_class").asString())) {
                out.add(id + ": unknown state_class " + payload.get("state_class").asString());
            }
        } else if (deviceClass != null && !BINARY_CLASSES.contains(deviceClass)) {
            out.add(id + ": unknown binary_sensor device class " + deviceClass);
        }
        return out;
    }
}
