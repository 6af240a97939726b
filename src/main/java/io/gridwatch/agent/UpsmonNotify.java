package io.gridwatch.agent;

import java.util.Locale;

/**
 * upsmon's notification types, with its default messages ({@code %s} is the UPS). NOPARENT is accepted in
 * configuration for upsmon compatibility but never sent: the agent is one process, with no parent to lose.
 */
public enum UpsmonNotify {
    ONLINE("UPS %s on line power"),
    ONBATT("UPS %s on battery"),
    LOWBATT("UPS %s battery is low"),
    FSD("UPS %s: forced shutdown in progress"),
    COMMOK("Communications with UPS %s established"),
    COMMBAD("Communications with UPS %s lost"),
    SHUTDOWN("Auto logout and shutdown proceeding"),
    REPLBATT("UPS %s battery needs to be replaced"),
    NOCOMM("UPS %s is unavailable"),
    NOPARENT("upsmon parent process died - shutdown impossible"),
    CAL("UPS %s: calibration in progress"),
    NOTCAL("UPS %s: calibration finished"),
    OFF("UPS %s: administratively OFF or asleep"),
    NOTOFF("UPS %s: no longer administratively OFF or asleep"),
    BYPASS("UPS %s: on bypass (powered, not protecting)"),
    NOTBYPASS("UPS %s: no longer on bypass");

    private final String format;

    UpsmonNotify(String format) {
        this.format = format;
    }

    public String message(String ups) {
        return format.contains("%s") ? String.format(Locale.ROOT, format, ups) : format;
    }

    /** The type named {@code text} (any case), or null. */
    public static UpsmonNotify parse(String text) {
        for (UpsmonNotify t : values()) {
            if (t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        return null;
    }
}
