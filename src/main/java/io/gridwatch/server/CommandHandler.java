package io.gridwatch.server;

import static io.gridwatch.server.Replies.err;
import static io.gridwatch.server.Replies.line;

import io.gridwatch.hub.UpsSnapshot;
import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.Request;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request of one session, the way upsd 2.8.0 does: the USERNAME-REQUIRED check first, then an
 * exhaustive switch over the request records. Reads go to {@link ReadHandlers}, writes (SET, INSTCMD, FSD) to
 * {@link WriteHandlers}. Replies are appended to {@code out}; the return value tells the connection what to do
 * after sending them. No I/O here; called on the session's event-loop thread.
 */
public final class CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    static final String HELP = "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS";

    /** What the connection does once the replies are out. */
    public enum After { CONTINUE, CLOSE, START_TLS }

    private final ServerContext ctx;
    private final ReadHandlers reads;
    private final WriteHandlers writes;

    public CommandHandler(ServerContext ctx) {
        this.ctx = ctx;
        this.reads = new ReadHandlers(ctx);
        this.writes = new WriteHandlers(ctx);
    }

    public After handle(SessionState s, Request request, StringBuilder out) {
        if (request.verb().requiresUser() && s.username() == null) {
            err(out, NutError.USERNAME_REQUIRED);
            return After.CONTINUE;
        }
        switch (request) {
            case Request.Ver v -> line(out, ctx.serverInfo());
            case Request.NetVer v -> line(out, "1.3");
            case Request.Help h -> line(out, HELP);
            case Request.StartTls t -> {
                return startTls(s, out);
            }
            case Request.Username u -> username(s, u.name(), out);
            case Request.Password p -> password(s, p.password(), out);
            case Request.Logout l -> {
                logout(s);
                line(out, "OK Goodbye");
                return After.CLOSE;
            }
            case Request.Login l -> login(s, l.ups(), out);
            case Request.Primary p -> writes.primary(s, p, out);
            case Request.Fsd f -> writes.fsd(s, f.ups(), out);
            case Request.SetVar sv -> writes.setVar(s, sv, out);
            case Request.InstCmd ic -> writes.instCmd(s, ic, out);
            case Request.SetTracking st -> {
                s.tracking(st.on());
                line(out, "OK");
            }
            case Request.GetTracking gt -> getTracking(s, gt.id(), out);
            case Request.GetVar g -> reads.getVar(g.ups(), g.var(), out);
            case Request.GetType g -> reads.getType(g.ups(), g.var(), out);
            case Request.GetDesc g -> reads.getDesc(g.ups(), g.var(), out);
            case Request.GetCmdDesc g -> reads.getCmdDesc(g.ups(), g.cmd(), out);
            case Request.GetUpsDesc g -> reads.getUpsDesc(g.ups(), out);
            case Request.GetNumLogins g -> reads.getNumLogins(g.ups(), out);
            case Request.ListUps l -> reads.listUps(out);
            case Request.ListVar l -> reads.listVar(l.ups(), false, out);
            case Request.ListRw l -> reads.listVar(l.ups(), true, out);
            case Request.ListCmd l -> reads.listCmd(l.ups(), out);
            case Request.ListEnum l -> reads.listEnum(l.ups(), l.var(), out);
            case Request.ListRange l -> reads.listRange(l.ups(), l.var(), out);
            case Request.ListClient l -> reads.listClient(l.ups(), out);
            case Request.Invalid i -> err(out, i.error());
        }
        return After.CONTINUE;
    }

    /** Forgets the session's login; called on LOGOUT and whenever the connection ends. */
    public void logout(SessionState s) {
        if (s.loginUps() != null) {
            ctx.logins().logout(s.loginUps(), s);
            LOG.info("User {}@{} logged out of UPS [{}]", s.username(), s.address(), s.loginUps());
            s.loginUps(null);
        }
    }

    private After startTls(SessionState s, StringBuilder out) {
        if (s.tls()) {
            err(out, NutError.ALREADY_SSL_MODE);
            return After.CONTINUE;
        }
        if (!ctx.tlsConfigured()) {
            err(out, NutError.FEATURE_NOT_CONFIGURED);
            return After.CONTINUE;
        }
        line(out, "OK STARTTLS");
        return After.START_TLS;
    }

    private static void username(SessionState s, String name, StringBuilder out) {
        if (s.username() != null) {
            LOG.info("Client {} tried to set a username twice", s.address());
            err(out, NutError.ALREADY_SET_USERNAME);
            return;
        }
        s.username(name);
        line(out, "OK");
    }

    private static void password(SessionState s, String password, StringBuilder out) {
        if (s.password() != null) {
            LOG.info("Client {} tried to set a password twice", s.address());
            err(out, NutError.ALREADY_SET_PASSWORD);
            return;
        }
        s.password(password);
        line(out, "OK");
    }

    private void login(SessionState s, String upsName, StringBuilder out) {
        if (s.loginUps() != null) {
            LOG.info("Client {}@{} tried to login twice", s.username(), s.address());
            err(out, NutError.ALREADY_LOGGED_IN);
            return;
        }
        Optional<UpsSnapshot> ups = ctx.hub().find(upsName);
        if (ups.isEmpty()) {
            err(out, NutError.UNKNOWN_UPS);
            return;
        }
        if (!ctx.users().allows(s, NutUser.Action.LOGIN)) {
            err(out, NutError.ACCESS_DENIED);
            return;
        }
        s.loginUps(ups.get().name());
        ctx.logins().login(ups.get().name(), s);
        LOG.info("User {}@{} logged into UPS [{}]", s.username(), s.address(), ups.get().name());
        line(out, "OK");
    }

    private void getTracking(SessionState s, String id, StringBuilder out) {
        if (id == null) {
            line(out, s.tracking() ? "ON" : "OFF");
        } else if (!s.tracking()) {
            err(out, NutError.FEATURE_NOT_CONFIGURED);
        } else {
            line(out, ctx.tracking().lookup(id));
        }
    }
}
