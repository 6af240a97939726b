package io.gridwatch.server;

import static io.gridwatch.server.Replies.err;
import static io.gridwatch.server.Replies.line;

import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.hub.ValueCheck;
import io.gridwatch.hub.Variable;
import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.Request;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests that change something: SET VAR, INSTCMD, PRIMARY/MASTER and FSD, with upsd 2.8.0's order of
 * checks (unknown UPS, availability; for SET VAR the permission then the variable, for INSTCMD the command then
 * the permission) and its value rules for RW
 * variables (TOO-LONG, then ENUM, then RANGE). Accepted writes are relayed to the driver through the hub and
 * answered at once with {@code OK}, or {@code OK TRACKING <id>} when the session tracks. Every write is logged
 * with who did it.
 */
final class WriteHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(WriteHandlers.class);

    private final ServerContext ctx;
    private final ReadHandlers reads;

    WriteHandlers(ServerContext ctx) {
        this.ctx = ctx;
        this.reads = new ReadHandlers(ctx);
    }

    void primary(SessionState s, Request.Primary p, StringBuilder out) {
        Optional<UpsSnapshot> ups = ctx.hub().find(p.ups());
        if (ups.isEmpty()) {
            err(out, NutError.UNKNOWN_UPS);
        } else if (!ctx.users().allows(s, NutUser.Action.PRIMARY)) {
            err(out, NutError.ACCESS_DENIED);
        } else {
            line(out, p.legacyMaster() ? "OK MASTER-GRANTED" : "OK PRIMARY-GRANTED");
        }
    }

    void fsd(SessionState s, String upsName, StringBuilder out) {
        Optional<UpsSnapshot> ups = ctx.hub().find(upsName);
        if (ups.isEmpty()) {
            err(out, NutError.UNKNOWN_UPS);
        } else if (!ctx.users().allows(s, NutUser.Action.FSD)) {
            err(out, NutError.ACCESS_DENIED);
        } else {
            LOG.info("Client {}@{} set FSD on UPS [{}]", s.username(), s.address(), ups.get().name());
            ctx.hub().setFsd(ups.get().name(), s.username() + "@" + s.address());
            line(out, "OK FSD-SET");
        }
    }

    void setVar(SessionState s, Request.SetVar r, StringBuilder out) {
        UpsSnapshot ups = reads.available(r.ups(), out);
        if (ups == null) {
            return;
        }
        if (!ctx.users().allows(s, NutUser.Action.SET)) {
            err(out, NutError.ACCESS_DENIED);
            return;
        }
        Optional<Variable> found = ups.device().variable(r.var());
        if (found.isEmpty()) {
            err(out, NutError.VAR_NOT_SUPPORTED);
            return;
        }
        NutError problem = check(found.get(), r.value());
        if (problem != null) {
            err(out, problem);
            return;
        }
        Variable v = found.get();
        LOG.info("Set variable: {}@{} set {} on {} to {}", s.username(), s.address(), v.name(), ups.name(), r.value());
        CompletableFuture<CommandResult> result = ctx.hub().setVar(ups.name(), v.name(), r.value(), who(s));
        ok(s, result, out);
    }

    /** Why a value may not be written, or null when it may. */
    static NutError check(Variable v, String value) {
        ValueCheck.Problem p = ValueCheck.check(v, value);
        if (p == null) {
            return null;
        }
        return switch (p) {
            case READ_ONLY -> NutError.READONLY;
            case TOO_LONG -> NutError.TOO_LONG;
            case NOT_IN_ENUM, OUT_OF_RANGE -> NutError.INVALID_VALUE;
        };
    }

    void instCmd(SessionState s, Request.InstCmd r, StringBuilder out) {
        UpsSnapshot ups = reads.available(r.ups(), out);
        if (ups == null) {
            return;
        }
        // upsd 2.8.0 checks the command before the user's rights (transcript-dummy-device.txt, sections C-F);
        // SET VAR, the other way round: rights first
        if (!ups.device().hasCommand(r.cmd())) {
            err(out, NutError.CMD_NOT_SUPPORTED);
            return;
        }
        if (!ctx.users().allowsCommand(s, r.cmd())) {
            err(out, NutError.ACCESS_DENIED);
            return;
        }
        LOG.info("Instant command: {}@{} did {}{} on {}", s.username(), s.address(), r.cmd(),
                r.param() == null ? "" : " " + r.param(), ups.name());
        ok(s, ctx.hub().instCmd(ups.name(), r.cmd(), r.param(), who(s)), out);
    }

    private void ok(SessionState s, CompletableFuture<CommandResult> result, StringBuilder out) {
        if (s.tracking()) {
            line(out, "OK TRACKING " + ctx.tracking().track(result));
        } else {
            line(out, "OK");
        }
    }

    private static String who(SessionState s) {
        return s.username() + "@" + s.address();
    }
}
