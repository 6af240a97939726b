package io.gridwatch.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing to tell people, before it is addressed to a channel: its type and severity, the UPS it is about
 * (null for site-wide ones), a title and a plain-text message, optionally an HTML body (reports), whether a
 * drill caused it, and the event's details by name ({@code ups}, {@code host}, {@code status}, {@code charge}...)
 * for templates, JSON payloads and MQTT. Immutable.
 */
public record Notification(NotifyType type, Severity severity, String ups, String title, String message,
                           String html, boolean drill, Map<String, String> fields, Instant at) {
    public Notification {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A notification of {@code type} at its usual severity. */
    public static Notification of(NotifyType type, String ups, String title, String message,
                                  Map<String, String> fields, Instant at) {
        return new Notification(type, type.severity(), ups, title, message, null, false, fields, at);
    }

    public Notification withText(String newTitle, String newMessage) {
        return new Notification(type, severity, ups, newTitle, newMessage, html, drill, fields, at);
    }

    public Notification withDrill(boolean d) {
        return new Notification(type, severity, ups, d && !title.startsWith("[drill] ") ? "[drill] " + title : title,
                message, html, d, fields, at);
    }

    public Notification withHtml(String h) {
        return new Notification(type, severity, ups, title, message, h, drill, fields, at);
    }

    /** The placeholders templates may use: every field, plus type, severity, title, message, ups and time. */
    public Map<String, String> placeholders() {
        Map<String, String> m = new LinkedHashMap<>(fields);
        m.put("type", type.key());
        m.put("severity", severity.name().toLowerCase(java.util.Locale.ROOT));
        m.put("title", title);
        m.put("message", message);
        m.putIfAbsent("ups", ups == null ? "" : ups);
        m.put("time", at.toString());
        return m;
    }
}
