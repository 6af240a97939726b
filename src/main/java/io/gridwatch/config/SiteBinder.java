package io.gridwatch.config;

import io.gridwatch.hub.UpsName;
import io.gridwatch.recovery.MagicPacket;
import io.gridwatch.recovery.RecoverySettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds {@code site:}, {@code hosts:} and {@code recovery:}; schedules are {@link ScheduleBinder}'s. Stateless. */
final class SiteBinder {
    private SiteBinder() {
    }

    static SiteConfig bind(Section root, List<UpsConfig> ups) {
        Section site = root.section("site", "Site-wide settings.");
        String zoneText = site.string("timezone", null, "Time zone of schedules and reports (default: the system's).");
        site.finish();
        ZoneId zone = ZoneId.systemDefault();
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (RuntimeException e) {
                site.problem("timezone", "unknown time zone '" + zoneText + "' (use a name like Europe/Paris)");
            }
        }
        Section r = root.section("recovery", "Waking machines up after an outage (Wake-on-LAN).");
        RecoverySettings d = RecoverySettings.defaults();
        Duration delay = r.duration("delay", d.delay(), Duration.ZERO,
                "How long power must be back before hosts are woken (the seed's WOL_DELAY_MINUTES).");
        int attempts = r.integer("attempts", d.attempts(), 1, 100, "Magic packets per host before giving up.");
        Duration verify = r.duration("verify_after", d.verifyAfter(), Duration.ofSeconds(1),
                "Wait for a host to answer after the first packet; doubles with each retry.");
        Duration maxBackoff = r.duration("max_backoff", d.maxBackoff(), Duration.ofSeconds(1),
                "Longest wait between two packets to one host.");
        String broadcast = r.string("broadcast", "255.255.255.255", "Default broadcast address of magic packets.");
        int port = r.integer("port", 9, 1, 65535, "UDP port of magic packets.");
        r.finish();
        List<String> upsNames = ups.stream().map(u -> u.name().value()).toList();
        List<HostConfig> hosts = new ArrayList<>();
        for (Map.Entry<String, Section> e : root.named("hosts", "Machines protected by a UPS and/or woken after an "
                + "outage.").entrySet()) {
            HostConfig h = host(e.getKey(), e.getValue(), upsNames, broadcast);
            if (h != null) {
                hosts.add(h);
            }
        }
        return new SiteConfig(zone, hosts, new RecoverySettings(delay, attempts, verify, maxBackoff, Duration.ofSeconds(2)),
                broadcast, port, ScheduleBinder.bind(root, ups));
    }

    private static HostConfig host(String name, Section h, List<String> upsNames, String broadcast) {
        String display = h.string("display_name", null,
                "How the dashboard and reports name it (any text, spaces allowed); default: the host's name.");
        String ups = h.string("ups", upsNames.size() == 1 ? upsNames.get(0) : null,
                "The UPS this host is on (default: the only one).");
        String address = h.string("address", null, "Host name or IP address (for its probe).");
        String mac = h.string("mac", null, "MAC address, for Wake-on-LAN (00:11:22:33:44:55).");
        String bc = h.showDefault("broadcast", "recovery.broadcast").string("broadcast", broadcast,
                "Broadcast address for its magic packets.");
        boolean wake = h.showDefault("wake", "true with a mac, else false").bool("wake", mac != null,
                "Wake it automatically when power returns (the seed's AUTO_WOL).");
        int group = h.integer("group", 1, 0, 1000, "Wake-up order: lower groups first (storage before hypervisors).");
        Duration groupWait = h.duration("group_wait", Duration.ZERO, Duration.ZERO,
                "Pause after this host's group before waking the next group.");
        String probe = h.string("probe", "icmp", "How to tell it is up: icmp, tcp:<port>, or an http(s) URL.");
        Duration delay = h.duration("shutdown_delay", null, Duration.ZERO,
                "For agents and clients: how long after the power fails this host shuts down (0: at once).");
        boolean ignoreDrills = h.bool("ignore_drills", false, "The host does not react to drills (simulated outages).");
        h.finish();
        if (h.documenting()) {
            return null;
        }
        boolean bad = false;
        if (ups == null) {
            h.problem("ups", "missing: say which UPS this host is on (" + String.join(", ", upsNames) + ")");
            bad = true;
        } else if (upsNames.stream().noneMatch(n -> n.equalsIgnoreCase(ups))) {
            h.problem("ups", "unknown UPS '" + ups + "': use one of " + String.join(", ", upsNames));
            bad = true;
        }
        if (mac != null && !MagicPacket.isMac(mac)) {
            h.problem("mac", "'" + mac + "' is not a MAC address like 00:11:22:33:44:55");
            bad = true;
        }
        if (wake && mac == null) {
            h.problem("wake", "a host woken automatically needs its mac");
            bad = true;
        }
        if (address == null && (wake || delay != null) && !probe.startsWith("http")) {
            h.problem("address", "missing: the host's address, to check whether it is up");
            bad = true;
        }
        if (!probe.equals("icmp") && !probe.matches("tcp:\\d{1,5}") && !probe.matches("https?://.+")) {
            h.problem("probe", "must be icmp, tcp:<port> or an http(s) URL (got '" + probe + "')");
            bad = true;
        }
        if (!UpsName.isValid(name.replace('_', '-'))) {
            h.problem("host name '" + name + "': use letters, digits, '.', '_' or '-'");
            bad = true;
        }
        if (display != null && (display.length() > 100 || display.chars().anyMatch(Character::isISOControl))) {
            h.problem("display_name", "at most 100 characters, no control characters");
            bad = true;
        }
        return bad ? null : new HostConfig(name,
                display == null || display.isBlank() ? name : display.strip(), ups, address, mac, bc, wake, group, groupWait, probe, delay, ignoreDrills);
    }
}
