package io.gridwatch.api;

import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PeaNUT's read API under its paths and in its shapes, so that what reads PeaNUT reads Gridwatch unchanged:
 * Homepage's built-in {@code peanut} widget ({@code GET /api/v1/devices/{ups}}: the variables flattened, name to
 * value), Homarr's and Heimdall's, and custom-api widgets. A variable of NUMBER type whose value is a number is a
 * JSON number, any other a string; errors are JSON strings, as PeaNUT's are. HTTP Basic is accepted here (those
 * widgets send nothing else): a user and password, or any name with a read token as the password. A UPS whose data
 * are not current is shown as PeaNUT shows a device it cannot reach ({@code ups.status} "Device Unreachable", no
 * readings), never with its last values passed off as current.
 */
final class PeanutRoutes {
    /** The text PeaNUT puts in {@code ups.status} for a device it cannot reach. */
    static final String UNREACHABLE = "Device Unreachable";

    private PeanutRoutes() {
    }

    static void register(RouteTable t, ApiContext c) {
        t.get("/api/v1/devices", Access.READ).basic()
                .doc("peanut", "PeaNUT: every UPS's variables, flattened (name to value); HTTP Basic accepted")
                .handle(ctx -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (UpsSnapshot s : c.site().hub().snapshots()) {
                        out.add(device(s, c.site().hub().availability(s)));
                    }
                    ctx.json(out);
                });
        t.get("/api/v1/devices/{device}", Access.READ).basic()
                .doc("peanut", "PeaNUT: one UPS's variables, flattened (name to value); HTTP Basic accepted")
                .handle(ctx -> {
                    UpsHub.Served served = find(ctx, c.site().hub());
                    ctx.json(device(served.snapshot(), served.availability()));
                });
        t.get("/api/v1/devices/{device}/var/{param}", Access.READ).basic()
                .doc("peanut", "PeaNUT: one variable's value (a JSON string); HTTP Basic accepted")
                .handle(ctx -> {
                    UpsSnapshot s = current(ctx, c.site().hub());
                    String value = s.device().value(ctx.pathParam("param"));
                    if (value == null) {
                        ctx.status(404).json("Parameter " + Problems.quote(ctx.pathParam("param")) + " on device "
                                + s.name().value() + " not found");
                        return;
                    }
                    ctx.json(value);
                });
    }

    private static UpsHub.Served find(Context ctx, UpsHub hub) {
        String device = ctx.pathParam("device");
        UpsHub.Served served = hub.serve(device);
        if (served == null) {
            throw new PeanutError(404, "Device " + Problems.quote(device) + " not found");
        }
        return served;
    }

    /** The UPS a request names, with current data (else 404 or 503 in PeaNUT's words). */
    private static UpsSnapshot current(Context ctx, UpsHub hub) {
        UpsHub.Served served = find(ctx, hub);
        if (served.availability() != Availability.OK) {
            throw new PeanutError(503, "Device " + served.snapshot().name().value() + ": no current data ("
                    + served.availability().name().replace('_', '-') + ")");
        }
        return served.snapshot();
    }

    /** A device as PeaNUT shows it: its variables, or, without current data, that it cannot be reached. */
    static Map<String, Object> device(UpsSnapshot s, Availability a) {
        if (a == Availability.OK) {
            return flat(s);
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("ups.device_name", s.name().value());
        out.put("ups.status", UNREACHABLE);
        out.put("gridwatch.availability", a.name().replace('_', '-'));
        return out;
    }

    /** PeaNUT's device object: every variable, sorted by name. */
    static Map<String, Object> flat(UpsSnapshot s) {
        Map<String, Object> out = new TreeMap<>();
        for (Variable v : s.device().variables()) {
            out.put(v.name(), value(v));
        }
        if (s.fsd()) {
            out.put("ups.status", s.statusLine()); // as upsd serves it, with FSD
        }
        return out;
    }

    private static Object value(Variable v) {
        if (v.type() instanceof VarType.Number) {
            try {
                BigDecimal d = new BigDecimal(v.value().trim());
                return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0 ? d.longValue()
                        : d.doubleValue();
            } catch (NumberFormatException e) {
                return v.value();
            }
        }
        return v.value();
    }

    /** An answer in PeaNUT's form: a status and a JSON string. */
    static final class PeanutError extends RuntimeException {
        final int status;

        PeanutError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
