package io.gridwatch.config;

import io.gridwatch.coordination.CoordinationSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Binds {@code coordination:}: the servers of one site and their shared PostgreSQL. Absent: null (alone). */
final class CoordinationBinder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private CoordinationBinder() {
    }

    static CoordinationSettings bind(Section root) {
        boolean present = root.has("coordination");
        Section c = root.section("coordination", "Two or more servers as one site: each runs its own drivers and "
                + "serves NUT and the API; through this PostgreSQL database they choose one to do the once-only "
                + "work (notifications, Wake-on-LAN, reports, SSH shutdowns). Absent: this server is alone.");
        String site = c.value("site", "gridwatch", "name", "The site's name in the database (the same on each of its "
                + "servers; several sites may share a database).", CoordinationBinder::name);
        c.showDefault("server", "the host name");
        String server = c.value("server", null, "name", "This server's name among the site's servers (each a "
                + "different one).", CoordinationBinder::name);
        String url = c.value("url", null, "JDBC URL", "The shared database: jdbc:postgresql://host:5432/db (required).",
                n -> {
                    String u = Values.string(n);
                    if (!u.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("must be a jdbc:postgresql: URL (the servers share it: "
                                + "SQLite cannot be shared)");
                    }
                    return u;
                });
        String user = c.string("user", null, "Database user.");
        String password = c.string("password", null, "Database password.");
        Duration lease = c.duration("lease", Duration.ofSeconds(4), Duration.ofSeconds(1),
                "How long the leader's claim lasts without renewal (renewed every quarter of it): a leader that "
                        + "dies is replaced within about this, plus a quarter.");
        Duration window = c.duration("same_event_within", Duration.ofSeconds(10), Duration.ofSeconds(2),
                "Two servers' sightings of one event (a power loss, a host to wake) this close together are one "
                        + "event: done once (each sighting pairs with the nearest). Longer than the servers can "
                        + "disagree on when it happened, shorter than the same event can happen twice.");
        c.finish();
        if (!present || c.documenting()) {
            return null;
        }
        if (url == null) {
            c.problem("url is required: the PostgreSQL database the site's servers share");
            return null;
        }
        if (server == null) {
            try {
                server = name(new ConfigNode.Scalar(InetAddress.getLocalHost().getHostName().split("\\.")[0],
                        ConfigNode.ScalarType.STRING, 0));
            } catch (UnknownHostException | IllegalArgumentException e) {
                c.problem("server: this machine's host name cannot be read (" + e.getMessage() + "): name it");
                return null;
            }
        }
        return new CoordinationSettings(site, server, url, user, password, lease, window);
    }

    private static String name(ConfigNode n) {
        String s = Values.string(n);
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a name: letters, digits, '.', '_' and '-', "
                    + "at most 63");
        }
        return s;
    }
}
