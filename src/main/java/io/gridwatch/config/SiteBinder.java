package io.gridwatch.config;

import io.gridwatch.hub.UpsName;
import io.gridwatch.recovery.MagicPacket;
import io.gridwatch.recovery.RecoverySettings;
import java.nio.file.Path;
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
        Section shutdown = h.section("shutdown", "For a host with no agent: how the server shuts it down itself.");
        HostConfig.Ssh ssh = ssh(shutdown, address);
        shutdown.finish();
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
        if (address == null && ssh != null) {
            h.problem("address", "missing: the address the server logs in to (shutdown.ssh)");
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
                display == null || display.isBlank() ? name : display.strip(), ups, address, mac, bc, wake, group, groupWait, probe, delay, ignoreDrills, ssh);
    }

    private static final java.util.regex.Pattern FINGERPRINT = java.util.regex.Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final java.util.regex.Pattern KEY_LINE = java.util.regex.Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,2}( .*)?");

    /** {@code shutdown.ssh}, or null when the host has none (or it has problems, which are reported). */
    private static HostConfig.Ssh ssh(Section shutdown, String address) {
        if (!shutdown.has("ssh") && !shutdown.documenting()) {
            return null;
        }
        Section s = shutdown.section("ssh", "Log in over SSH and run a command when the host's countdown runs out "
                + "(the same delays and drill rules as an agent's), for machines that cannot run an agent.");
        String user = s.string("user", null, "The account to log in as. Required.");
        Path key = s.path("key", null, true, "Private key file (OpenSSH or PEM format, without a passphrase), "
                + "readable by the server's user.");
        String password = s.string("password", null, "Password authentication, only when a key cannot be used (off "
                + "unless set). A secret: never shown by the configuration API.");
        String command = s.string("command", null, "What to run on the host, e.g. 'sudo /sbin/shutdown -h now' or "
                + "'poweroff'. Required.");
        int port = s.integer("port", 22, 1, 65535, "SSH port of the host.");
        List<String> hostKeys = s.value("host_key", List.of(), "string or list of strings", "The host's key, pinned: an "
                + "OpenSSH public key line ('ssh-ed25519 AAAA...') or its SHA256 fingerprint ('SHA256:...'), as "
                + "ssh-keyscan or ssh-keygen -lf print it. Without it the host must be in known_hosts.",
                n -> n instanceof ConfigNode.Scalar ? List.of(Values.string(n)) : Values.strings(n));
        Path knownHosts = s.showDefault("known_hosts", "~/.ssh/known_hosts of the server's user").path("known_hosts",
                null, false, "The known_hosts file to look the host's key up in, when no host_key is pinned. A host "
                + "that is not there is refused: it is never trusted on first use.");
        Duration connect = s.duration("connect_timeout", Duration.ofSeconds(10), Duration.ofSeconds(1),
                "Connecting, checking the host key and logging in, per attempt.");
        Duration run = s.duration("command_timeout", Duration.ofMinutes(2), Duration.ofSeconds(1),
                "How long the command may run before it counts as failed.");
        Duration retry = s.duration("retry_for", Duration.ofMinutes(3), Duration.ZERO,
                "A connection that fails once the countdown has run out is retried (every few seconds) for this "
                + "long, unless power comes back.");
        s.finish();
        if (s.documenting()) {
            return null;
        }
        boolean bad = false;
        if (user == null || user.isBlank()) {
            s.problem("user", "missing: the account to log in as");
            bad = true;
        }
        if (command == null || command.isBlank()) {
            s.problem("command", "missing: what to run on the host (e.g. 'sudo /sbin/shutdown -h now')");
            bad = true;
        }
        if (key == null && password == null) {
            s.problem("key", "missing: a private key file (or, only if no key can be used, a password)");
            bad = true;
        }
        for (String k : hostKeys) {
            if (!FINGERPRINT.matcher(k.strip()).matches() && !KEY_LINE.matcher(k.strip()).matches()) {
                s.problem("host_key", "'" + (k.length() > 40 ? k.substring(0, 40) + "..." : k) + "' is neither an "
                        + "OpenSSH public key line ('ssh-ed25519 AAAA...') nor a fingerprint ('SHA256:' and 43 "
                        + "characters)");
                bad = true;
            }
        }
        if (knownHosts == null) {
            knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        }
        if (hostKeys.isEmpty() && !java.nio.file.Files.isReadable(knownHosts)) {
            s.problem("host_key", "missing: no host key is pinned and " + knownHosts + " cannot be read; pin the "
                    + "host's key here (ssh-keyscan -p " + port + " " + (address == null ? "HOST" : address)
                    + ", after checking its fingerprint on the host) or name a known_hosts file that has it");
            bad = true;
        }
        return bad ? null : new HostConfig.Ssh(user, key, password, command.strip(), port,
                hostKeys.stream().map(String::strip).toList(), knownHosts, connect, run, retry);
    }
}
