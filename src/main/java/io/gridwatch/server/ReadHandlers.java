package io.gridwatch.server;

import static io.gridwatch.server.Replies.err;
import static io.gridwatch.server.Replies.line;
import static io.gridwatch.server.Replies.quoted;

import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.KnownVar;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.NutQuoting;
import java.util.Locale;
import java.util.Optional;

/**
 * GET and LIST, answered from the hub's current snapshot exactly as upsd 2.8.0 answers them (NUT
 * {@code server/netget.c}, {@code netlist.c}): names echoed as the client typed them, DRIVER-NOT-CONNECTED
 * and DATA-STALE where upsd checks availability, {@code FSD} prefixed to {@code ups.status} under the latch.
 * A LIST reply is built whole and leaves in one write. Stateless apart from the shared context.
 */
final class ReadHandlers {
    private final ServerContext ctx;

    ReadHandlers(ServerContext ctx) {
        this.ctx = ctx;
    }

    void getVar(String ups, String var, StringBuilder out) {
        if (var.regionMatches(true, 0, "server.", 0, 7)) {
            serverVar(ups, var, out);
            return;
        }
        UpsSnapshot s = available(ups, out);
        if (s == null) {
            return;
        }
        Optional<Variable> v = s.device().variable(var);
        if (v.isEmpty()) {
            err(out, NutError.VAR_NOT_SUPPORTED);
            return;
        }
        quoted(out, "VAR", ups, var, value(s, v.get()));
    }

    private void serverVar(String ups, String var, StringBuilder out) {
        switch (var.toLowerCase(Locale.ROOT)) {
            case "server.info" -> quoted(out, "VAR", ups, var, ctx.serverInfo());
            case "server.version" -> quoted(out, "VAR", ups, "server.version", ctx.serverVersion());
            default -> err(out, NutError.VAR_NOT_SUPPORTED);
        }
    }

    void getType(String ups, String var, StringBuilder out) {
        UpsSnapshot s = available(ups, out);
        if (s == null) {
            return;
        }
        Optional<Variable> found = s.device().variable(var);
        if (found.isEmpty()) {
            err(out, NutError.VAR_NOT_SUPPORTED);
            return;
        }
        Variable v = found.get();
        out.append("TYPE ").append(ups).append(' ').append(var);
        if (v.writable()) {
            out.append(" RW");
        }
        if (!v.enumValues().isEmpty()) {
            out.append(" ENUM");
        }
        if (!v.ranges().isEmpty()) {
            out.append(" RANGE");
        }
        if (v.type() instanceof VarType.Text t) {
            out.append(" STRING:").append(t.maxLength()).append('\n');
        } else {
            out.append(" NUMBER\n");
        }
    }

    void getDesc(String ups, String var, StringBuilder out) {
        if (available(ups, out) != null) {
            String d = ctx.descriptions().variable(var).orElse("Description unavailable");
            quoted(out, "DESC", ups, var, d);
        }
    }

    void getCmdDesc(String ups, String cmd, StringBuilder out) {
        if (available(ups, out) != null) {
            String d = ctx.descriptions().command(cmd).orElse("Description unavailable");
            quoted(out, "CMDDESC", ups, cmd, d);
        }
    }

    void getUpsDesc(String ups, StringBuilder out) {
        Optional<UpsSnapshot> s = ctx.hub().find(ups);
        if (s.isEmpty()) {
            err(out, NutError.UNKNOWN_UPS);
            return;
        }
        String d = s.get().description();
        out.append("UPSDESC ").append(ups).append(' ');
        NutQuoting.appendQuoted(out, d == null ? "Unavailable" : d);
        out.append('\n');
    }

    void getNumLogins(String ups, StringBuilder out) {
        UpsSnapshot s = available(ups, out);
        if (s != null) {
            line(out, "NUMLOGINS " + ups + " " + ctx.logins().count(s.name()));
        }
    }

    void listUps(StringBuilder out) {
        out.append("BEGIN LIST UPS\n");
        for (UpsSnapshot s : ctx.hub().snapshots()) {
            out.append("UPS ").append(s.name().value()).append(' ');
            NutQuoting.appendQuoted(out,
                    s.description() == null ? "Description unavailable" : s.description());
            out.append('\n');
        }
        out.append("END LIST UPS\n");
    }

    /** LIST VAR, or LIST RW (writable variables only, without the FSD prefix, as upsd). */
    void listVar(String ups, boolean rwOnly, StringBuilder out) {
        UpsSnapshot s = available(ups, out);
        if (s == null) {
            return;
        }
        String kind = rwOnly ? "RW" : "VAR";
        out.append("BEGIN LIST ").append(kind).append(' ').append(ups).append('\n');
        for (Variable v : s.device().variables()) {
            if (!rwOnly || v.writable()) {
                quoted(out, kind, ups, v.name(), rwOnly ? v.value() : value(s, v));
            }
        }
        out.append("END LIST ").append(kind).append(' ').append(ups).append('\n');
    }

    void listCmd(String ups, StringBuilder out) {
        UpsSnapshot s = available(ups, out);
        if (s == null) {
            return;
        }
        out.append("BEGIN LIST CMD ").append(ups).append('\n');
        for (String c : s.device().commands()) {
            out.append("CMD ").append(ups).append(' ').append(c).append('\n');
        }
        out.append("END LIST CMD ").append(ups).append('\n');
    }

    void listEnum(String ups, String var, StringBuilder out) {
        Variable v = availableVar(ups, var, out);
        if (v != null) {
            out.append("BEGIN LIST ENUM ").append(ups).append(' ').append(var).append('\n');
            v.enumValues().forEach(e -> quoted(out, "ENUM", ups, var, e));
            out.append("END LIST ENUM ").append(ups).append(' ').append(var).append('\n');
        }
    }

    void listRange(String ups, String var, StringBuilder out) {
        Variable v = availableVar(ups, var, out);
        if (v != null) {
            out.append("BEGIN LIST RANGE ").append(ups).append(' ').append(var).append('\n');
            for (Range r : v.ranges()) {
                out.append("RANGE ").append(ups).append(' ').append(var)
                        .append(" \"").append(r.min()).append("\" \"").append(r.max()).append("\"\n");
            }
            out.append("END LIST RANGE ").append(ups).append(' ').append(var).append('\n');
        }
    }

    void listClient(String ups, StringBuilder out) {
        Optional<UpsSnapshot> s = ctx.hub().find(ups);
        if (s.isEmpty()) {
            err(out, NutError.UNKNOWN_UPS);
            return;
        }
        out.append("BEGIN LIST CLIENT ").append(ups).append('\n');
        for (SessionState c : ctx.logins().sessions(s.get().name())) {
            out.append("CLIENT ").append(s.get().name().value()).append(' ').append(c.address()).append('\n');
        }
        out.append("END LIST CLIENT ").append(ups).append('\n');
    }

    private static String value(UpsSnapshot s, Variable v) {
        if (s.fsd() && v.name().equalsIgnoreCase(KnownVar.UPS_STATUS.varName())) {
            return "FSD " + v.value();
        }
        return v.value();
    }

    private Variable availableVar(String ups, String var, StringBuilder out) {
        UpsSnapshot s = available(ups, out);
        if (s == null) {
            return null;
        }
        Optional<Variable> v = s.device().variable(var);
        if (v.isEmpty()) {
            err(out, NutError.VAR_NOT_SUPPORTED);
            return null;
        }
        return v.get();
    }

    /** The snapshot when the UPS exists and its data may be served; otherwise the error is written. */
    UpsSnapshot available(String ups, StringBuilder out) {
        UpsHub.Served found = ctx.hub().serve(ups);
        if (found == null) {
            err(out, NutError.UNKNOWN_UPS);
            return null;
        }
        switch (found.availability()) {
            case DRIVER_NOT_CONNECTED -> err(out, NutError.DRIVER_NOT_CONNECTED);
            case DATA_STALE -> err(out, NutError.DATA_STALE);
            case OK -> {
                return found.snapshot();
            }
        }
        return null;
    }
}
