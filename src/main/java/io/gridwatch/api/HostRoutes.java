package io.gridwatch.api;

import io.gridwatch.config.Durations;
import io.gridwatch.config.HostConfig;
import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/hosts}: the machines of the site (protected by a UPS, woken after an outage), each with its last
 * report and its shutdown countdown: the one it reported, or, until it reports, the one planned from its delay and
 * the time the UPS went on battery. Created, changed and removed through the configuration file; woken by hand.
 */
final class HostRoutes {
    static final Set<String> FIELDS = Set.of("display_name", "ups", "address", "mac", "broadcast", "wake", "group", "group_wait",
            "probe", "shutdown_delay", "ignore_drills");
    private static final Set<String> DURATIONS = Set.of("group_wait", "shutdown_delay");

    private HostRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/hosts", Access.READ).doc("hosts", "Every host with its last report and countdown")
                .response("HostList").handle(ctx -> ctx.json(list(c)));
        t.get("/api/v1/hosts/{name}", Access.READ).doc("hosts", "One host").response("Host")
                .handle(ctx -> ctx.json(view(c, host(c, ctx.pathParam("name")), c.clock().instant())));
        t.put("/api/v1/hosts/{name}", Access.ADMIN).doc("hosts", "Create or replace a host (in the configuration file)")
                .request("HostSettings").response("ConfigApplied").handle(ctx -> {
                    String name = ctx.pathParam("name");
                    ObjectNode entry = entry(Body.of(ctx.body()));
                    boolean exists = find(c, name).isPresent();
                    Site.Applied a = ConfigEdits.editSection(c, "hosts", name, sec -> {
                        // the SSH login is file-only: a form's edit of the other fields keeps it as it is
                        if (sec.get(name) instanceof ObjectNode old && old.has("shutdown")) {
                            entry.set("shutdown", old.get("shutdown"));
                        }
                        sec.set(name, entry);
                    }, ApiContext.by(ctx));
                    ctx.status(exists ? 200 : 201).json(ConfigEdits.applied(a));
                });
        t.delete("/api/v1/hosts/{name}", Access.ADMIN).doc("hosts", "Remove a host (from the configuration file)")
                .response("ConfigApplied").handle(ctx -> {
                    String name = host(c, ctx.pathParam("name")).name();
                    ctx.json(ConfigEdits.applied(ConfigEdits.editSection(c, "hosts", null, sec -> sec.remove(name),
                            ApiContext.by(ctx))));
                });
        t.post("/api/v1/hosts/{name}/wake", Access.CONTROL)
                .doc("hosts", "Wake a host now: a magic packet, unless it already answers its probe (then sent is "
                        + "false, with the reason)")
                .response("WakeResult").handle(ctx -> {
                    HostConfig h = host(c, ctx.pathParam("name"));
                    var done = h.mac() == null ? java.util.Optional.<io.gridwatch.recovery.RecoveryPlanner.ManualWake>empty()
                            : c.site().wake(h.name(), ApiContext.by(ctx));
                    if (done.isEmpty()) {
                        throw ApiException.conflict("host '" + h.name() + "' has no mac: it cannot be woken");
                    }
                    Map<String, Object> out = new java.util.LinkedHashMap<>();
                    out.put("host", h.name());
                    out.put("sent", done.get().sent());
                    out.put("reason", done.get().reason());
                    ctx.status(done.get().sent() ? 202 : 200).json(out);
                });
        t.post("/api/v1/hosts/{name}/ssh-check", Access.ADMIN)
                .doc("hosts", "Dry run of an agentless host's shutdown: connect, check its host key and log in over "
                        + "SSH, then log out without running anything (ok false with the reason when it fails)")
                .response("SshCheck").handle(ctx -> {
                    HostConfig h = host(c, ctx.pathParam("name"));
                    var check = c.site().sshCheck(h.name()).orElseThrow(() -> ApiException.conflict("host '"
                            + h.name() + "' has no shutdown.ssh: it is shut down by its own agent"));
                    io.gridwatch.agentless.SshOutcome o;
                    try {
                        o = check.get(2 * (h.ssh().connectTimeout().toSeconds() + 5), java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        throw ApiException.conflict("SSH check of host '" + h.name() + "' did not finish: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ApiException.conflict("interrupted");
                    }
                    ctx.json(sshCheck(h.name(), o));
                });
    }

    /** The answer of an SSH check, as the API and the dashboard show it. */
    static Map<String, Object> sshCheck(String host, io.gridwatch.agentless.SshOutcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", host);
        out.put("ok", o.kind() == io.gridwatch.agentless.SshOutcome.Kind.LOGGED_IN);
        out.put("result", o.kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("detail", o.detail());
        out.put("host_key", o.hostKey());
        out.put("ran_command", false);
        return out;
    }

    /** The body of a PUT as a configuration entry: known fields only, durations as the file writes them. */
    static ObjectNode entry(Body body) {
        return body.entry(FIELDS, (field, v) -> DURATIONS.contains(field) && v.isIntegralNumber()
                ? Json.MAPPER.getNodeFactory().textNode(Durations.format(Duration.ofSeconds(v.asLong()))) : v);
    }

    static HostConfig host(ApiContext c, String name) {
        return find(c, name).orElseThrow(() -> ApiException.notFound("no host '" + Problems.quote(name) + "'"));
    }

    /** A configured host named in a request body's {@code field}: 400 naming the field when there is none. */
    static HostConfig host(ApiContext c, String name, String field) {
        return find(c, name).orElseThrow(() -> ApiException.badRequest(field, "no host '" + Problems.quote(name)
                + "' in the configuration"));
    }

    /** A configured host a client token speaks for: 403 when the token is limited to other hosts. */
    static HostConfig hostFor(ApiContext c, io.javalin.http.Context ctx, String name) {
        HostConfig h = host(c, name);
        Principal p = Authenticator.principal(ctx);
        if (!p.mayActFor(h.name())) {
            throw ApiException.forbidden(p.name() + " may speak only for " + String.join(", ", p.hosts().stream()
                    .sorted().toList()) + ", not for " + h.name());
        }
        return h;
    }

    private static Optional<HostConfig> find(ApiContext c, String name) {
        return c.site().config().site().hosts().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    static List<Map<String, Object>> list(ApiContext c) {
        Instant now = c.clock().instant();
        return c.site().config().site().hosts().stream().map(h -> view(c, h, now)).toList();
    }

    static Map<String, Object> view(ApiContext c, HostConfig h, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.name());
        m.put("display_name", h.displayName());
        m.put("ups", h.ups());
        m.put("address", h.address());
        m.put("mac", h.mac());
        m.put("broadcast", h.broadcast());
        m.put("wake", h.wake());
        m.put("group", h.group());
        m.put("group_wait", h.groupWait().toSeconds());
        m.put("probe", h.probe());
        m.put("shutdown_delay", h.shutdownDelay() == null ? null : h.shutdownDelay().toSeconds());
        m.put("ignore_drills", h.ignoreDrills());
        m.put("shutdown_by", h.ssh() == null ? "agent" : "ssh");
        if (h.ssh() != null) { // who and where, never the password or the key's content
            Map<String, Object> ssh = new LinkedHashMap<>();
            ssh.put("user", h.ssh().user());
            ssh.put("port", h.ssh().port());
            ssh.put("command", h.ssh().command());
            ssh.put("host_key", h.ssh().hostKeys().isEmpty() ? "known_hosts" : "pinned");
            m.put("ssh", ssh);
        }
        Optional<ClientState> report = c.site().clients().get(h.name());
        Map<String, Object> client = report.map(r -> Views.client(r, now, c.http().staleAfter(),
                c.http().offlineAfter())).orElse(null);
        m.put("client", client);
        Long planned = planned(c, h, now);
        m.put("planned_shutdown_in", planned);
        boolean fresh = client != null && !Boolean.TRUE.equals(client.get("stale"));
        Object state = fresh ? client.get("state") : null;
        Object countdown;
        if (!fresh || "online".equals(state)) {
            countdown = planned;
        } else if ("shutdown_pending".equals(state)) {
            countdown = client.get("remaining_seconds") != null ? client.get("remaining_seconds") : planned;
        } else {
            countdown = null; // shutting down, shut down, failed, woken: no countdown left to show
        }
        m.put("countdown", countdown);
        return m;
    }

    /** Seconds until the host should shut down, from its delay and the outage's start; null when not counting. */
    private static Long planned(ApiContext c, HostConfig h, Instant now) {
        if (h.shutdownDelay() == null) {
            return null;
        }
        UpsName ups = UpsName.of(h.ups());
        Optional<UpsSnapshot> s = c.site().hub().find(h.ups());
        Optional<Instant> since = c.site().clients().onBatterySince(ups);
        if (s.isEmpty() || since.isEmpty()) {
            return null;
        }
        boolean simulated = "true".equals(s.get().device().value("ups.simulation"));
        if (simulated && h.ignoreDrills()) {
            return null;
        }
        return Math.max(0, h.shutdownDelay().minus(Duration.between(since.get(), now)).toSeconds());
    }
}
