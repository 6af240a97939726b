package io.gridwatch.api;

import io.gridwatch.config.HostConfig;
import io.gridwatch.config.Version;
import io.gridwatch.hub.ClientState;
import io.gridwatch.hub.UpsName;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.Variable;
import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The endpoints of the UPS_Server_Docker hub, so that its bash and PowerShell clients work unchanged when pointed
 * here: {@code GET /config}, {@code GET /upsc}, {@code POST /status}, {@code GET /version}, with its JSON shapes.
 * Unlike the original, an unknown machine gets a 404 and every error is a JSON problem. A machine is known by its
 * configured address. Authenticated with an API token of scope {@code client}.
 */
final class SeedRoutes {
    private SeedRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/config", Access.CLIENT).doc("seed", "A client's settings (UPS_Server_Docker contract)")
                .query("ip", "string", "the client's address (default: the caller's)")
                .response("SeedConfig").handle(ctx -> ctx.json(config(ctx, c)));
        t.get("/upsc", Access.CLIENT).doc("seed", "The client's UPS as nested JSON (UPS_Server_Docker contract)")
                .response("SeedUpsc").handle(ctx -> ctx.json(upsc(c, upsFor(c, ctx.ip()))));
        t.post("/status", Access.CLIENT).doc("seed", "A client reports its state (UPS_Server_Docker contract)")
                .request("SeedStatus").response("SeedMessage").handle(ctx -> ctx.json(status(ctx, c)));
        t.get("/version", Access.PUBLIC).doc("seed", "The server's version").response("Version")
                .handle(ctx -> ctx.json(Map.of("version", Version.current(), "name", "Gridwatch")));
    }

    private static Map<String, Object> config(Context ctx, ApiContext c) {
        String ip = ctx.queryParam("ip");
        String who = ip == null || ip.isBlank() ? ctx.ip() : ip.trim();
        HostConfig h = byAddress(c, who).orElseThrow(() ->
                ApiException.notFound("no host with address " + Problems.quote(who) + " in the configuration"));
        Principal p = Authenticator.principal(ctx);
        if (!p.mayActFor(h.name())) {
            throw ApiException.forbidden(p.name() + " may not read the settings of " + h.name());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        // a host without shutdown_delay gets the original hub's default of 5 minutes: its client runs there and
        // shuts it down on an outage either way; answering 404 would leave it on whatever it had before
        long minutes = h.shutdownDelay() == null ? 5
                : (h.shutdownDelay().toSeconds() + 59) / 60; // whole minutes, never shorter than configured
        m.put("SHUTDOWN_DELAY_MINUTES", Long.toString(minutes));
        m.put("UPS_NAME", h.ups() + "@" + serverAddress(ctx, c));
        m.put("IGNORE_SIMULATION", h.ignoreDrills());
        return m;
    }

    /** The address the client reached us on, with the NUT port when it is not the standard one. */
    private static String serverAddress(Context ctx, ApiContext c) {
        String configured = c.http().seed().upsHost();
        String local = configured != null ? configured : ctx.req().getLocalAddr();
        String host = local.contains(":") && !local.startsWith("[") ? "[" + local + "]" : local;
        int port = c.site().nutAddresses().stream().mapToInt(InetSocketAddress::getPort).findFirst().orElse(3493);
        return port == 3493 ? host : host + ":" + port;
    }

    private static UpsSnapshot upsFor(ApiContext c, String ip) {
        Optional<HostConfig> h = byAddress(c, ip);
        if (h.isPresent()) {
            return c.ups(h.get().ups());
        }
        var all = c.site().hub().snapshots();
        if (all.size() == 1) {
            return all.get(0);
        }
        throw ApiException.notFound("no host with address " + ip + " in the configuration, and more than one UPS");
    }

    /**
     * NUT variables nested by their dots, numbers as numbers; a name under a name that holds a value keeps its
     * remaining dots ({@code battery.charge} and {@code battery.charge.low} give {@code "charge"} and
     * {@code "charge.low"}), as the original did. {@code ups.status} is {@code OB LB} whenever on battery and
     * {@code OL} on line, the only two words those clients act on; {@code ups.simulation} is a boolean.
     */
    static Map<String, Object> upsc(ApiContext c, UpsSnapshot s) {
        TreeMap<String, Object> flat = new TreeMap<>();
        for (Variable v : s.device().variables()) {
            flat.put(v.name(), scalar(v.value()));
        }
        var status = s.status();
        flat.put("ups.status", status.onBattery() || status.has(io.gridwatch.hub.StatusFlag.FSD) ? "OB LB"
                : status.has(io.gridwatch.hub.StatusFlag.OL) ? "OL" : s.statusLine());
        flat.put("ups.simulation", "true".equals(s.device().value("ups.simulation")));
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            put(root, e.getKey().split("\\."), 0, e.getValue());
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, String[] parts, int i, Object value) {
        if (i == parts.length - 1) {
            Object there = node.get(parts[i]);
            if (there instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).put("_value", value);
            } else {
                node.put(parts[i], value);
            }
            return;
        }
        Object child = node.get(parts[i]);
        if (child != null && !(child instanceof Map)) {
            node.put(String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length)), value);
            return;
        }
        Map<String, Object> next = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        put(next, parts, i + 1, value);
    }

    private static Object scalar(String v) {
        if (v == null) {
            return null;
        }
        String t = v.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            if (!t.isEmpty() && !t.equalsIgnoreCase("nan") && !t.toLowerCase().contains("inf")) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            // not a number
        }
        return v;
    }

    /**
     * A client's report. A configured host's goes to the client tracker (when the token may speak for it); one
     * from an address in no host goes to the bounded list of unconfigured reporters, where an admin sees it.
     */
    private static Map<String, Object> status(Context ctx, ApiContext c) {
        Body b = Body.of(ctx.body());
        if (!b.has("ip") || !b.has("status")) {
            throw ApiException.badRequest(!b.has("ip") ? "ip" : "status", "Missing 'ip' or 'status' in JSON payload");
        }
        String ip = b.string("ip", 45).trim();
        if (!HostAddresses.isIpLiteral(ip)) {
            throw ApiException.badRequest("ip", "ip must be an IPv4 or IPv6 address (got '" + Problems.quote(ip) + "')");
        }
        ClientState.State state = ClientState.State.ofWire(b.string("status", 32));
        if (state == null || state.ordinal() > ClientState.State.SHUTTING_DOWN.ordinal()) {
            throw ApiException.badRequest("status", "status must be online, shutdown_pending or shutting_down");
        }
        Integer remaining = b.optInt("remaining_seconds", 0, 31_536_000);
        Integer delayMinutes = b.optInt("shutdown_delay", 0, 525_600);
        Integer delay = delayMinutes == null ? null : delayMinutes * 60;
        Optional<HostConfig> h = byAddress(c, ip);
        Principal p = Authenticator.principal(ctx);
        if (h.isPresent() && !p.mayActFor(h.get().name()) || h.isEmpty() && !p.hosts().isEmpty()) {
            throw ApiException.forbidden(p.name() + " may speak only for " + String.join(", ", p.hosts().stream()
                    .sorted().toList()) + ", not for " + h.map(HostConfig::name).orElse(ip));
        }
        Map<String, Object> answer = Map.of("message", "Status updated successfully"); // the seed's exact answer
        if (h.isEmpty()) {
            boolean newcomer = c.strangers().report(ip, state, remaining, delay, c.clock().instant(), ctx.ip());
            if (newcomer && NEWCOMER_LOG.allow("newcomer", System.nanoTime())) {
                LOG.warn("a machine at {} reports '{}' but no host has that address; it is listed for admins "
                        + "(GET /api/v1/clients/unconfigured; at most one such line a minute)", ip, state.wire());
            }
            return answer;
        }
        c.site().clients().report(UpsName.of(h.get().ups()), new ClientState(h.get().name(), ip, state, remaining,
                delay, c.clock().instant(), "seed-client", true));
        return answer;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeedRoutes.class);
    private static final RateLimiter NEWCOMER_LOG = new RateLimiter(1 / 60.0, 1);

    /** The configured host with this address (an IP, or a name that resolves to it). */
    static Optional<HostConfig> byAddress(ApiContext c, String ip) {
        for (HostConfig h : c.site().config().site().hosts()) {
            if (h.address() != null && c.addresses().matches(h.address(), ip)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
