package io.gridwatch.agent;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.protocol.NutError;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One held NUT connection to a monitored UPS, logged in as upsmon does (USERNAME, PASSWORD, LOGIN, and PRIMARY
 * for a primary) so that NUMLOGINS and LIST CLIENT show this machine. Reconnects on the next poll after a
 * failure. A poll is one {@code GET VAR ups.status}; charge, runtime and the drill flag are read with it while
 * on battery, when the status changes and every tenth poll. Used only by the agent's loop thread.
 */
final class UpsLink implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UpsLink.class);
    private final AgentConfig.Monitor monitor;
    private final Duration timeout;
    /** Index into the monitor's endpoints of the server in use. */
    private int current;
    private NutSession session;
    private String lastStatus;
    private int polls;
    private Integer charge;
    private Integer runtime;
    private boolean simulated;
    private String lastFailure;

    UpsLink(AgentConfig.Monitor monitor, Duration timeout) {
        this.monitor = monitor;
        this.timeout = timeout;
    }

    String id() {
        return monitor.id();
    }

    /**
     * Reads the UPS; a failure closes the connection and tries the failover servers in turn, within this poll; only
     * when none answers is it the CommLost input. A server that answers stays in use (no switching back while it
     * does), and the UPS keeps its id, so its countdown goes on across a switch.
     */
    AgentInput poll() {
        List<AgentConfig.Endpoint> all = monitor.endpoints();
        AgentInput last = null;
        for (int tried = 0; tried < all.size(); tried++) {
            last = pollCurrent();
            if (last instanceof AgentInput.Status) {
                return last;
            }
            if (all.size() > 1) {
                String from = current().toString();
                current = (current + 1) % all.size();
                if (tried + 1 < all.size()) {
                    LOG.warn("UPS {}: {} does not answer; reading it from {}", monitor.id(), from, current());
                }
            }
        }
        return last;
    }

    /** The server now in use. */
    AgentConfig.Endpoint current() {
        return monitor.endpoints().get(current);
    }

    private AgentInput pollCurrent() {
        try {
            NutSession s = session();
            String status = s.getVar(upsName(), "ups.status");
            boolean onBattery = status.contains("OB");
            if (onBattery || !status.equals(lastStatus) || polls++ % 10 == 0) {
                charge = number(s, "battery.charge");
                runtime = number(s, "battery.runtime");
                simulated = "true".equalsIgnoreCase(optional(s, "ups.simulation"));
            }
            lastStatus = status;
            lastFailure = null;
            Set<String> flags = new LinkedHashSet<>(List.of(status.trim().split("\\s+")));
            return new AgentInput.Status(monitor.id(), flags, charge, runtime, simulated);
        } catch (IOException | RuntimeException e) {
            close();
            String why = (monitor.failover().isEmpty() ? "" : current() + ": ")
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (!why.equals(lastFailure)) {
                LOG.warn("UPS {}: {}", monitor.id(), why);
                lastFailure = why;
            }
            return new AgentInput.CommLost(monitor.id(), why);
        }
    }

    /** FSD on the UPS (primary). */
    void setFsd() throws IOException {
        session().fsd(upsName());
    }

    /**
     * upsmon's POWERDOWNFLAG step, over the network: asks the UPS to cut its output after its own delay and to
     * restore it when the grid returns ({@code shutdown.return}; else {@code load.off.delay} with the UPS's
     * {@code ups.delay.shutdown}, 20 s when it has none), so that the machines come back when power does. Not while
     * another client is still logged in to the UPS. Returns what it did, in words (for the log and the report).
     *
     * @param dryRun say what would be asked, and ask nothing
     */
    String powerCycle(boolean dryRun) {
        String ups = upsName();
        try {
            NutSession s = session();
            int logins = s.numLogins(ups);
            if (logins > 1) {
                return "UPS " + monitor.id() + ": power cycle not asked, " + (logins - 1)
                        + " other client(s) still logged in";
            }
            List<String> commands = s.listCommands(ups);
            String cmd;
            String param = null;
            if (commands.contains("shutdown.return")) {
                cmd = "shutdown.return";
            } else if (commands.contains("load.off.delay")) {
                cmd = "load.off.delay";
                String delay = optional(s, "ups.delay.shutdown");
                param = delay == null || !delay.trim().matches("\\d{1,5}") ? "20" : delay.trim();
            } else {
                return "UPS " + monitor.id() + ": power cycle not asked, it offers neither shutdown.return nor "
                        + "load.off.delay (it will stay off until someone turns it on)";
            }
            String what = cmd + (param == null ? "" : " " + param);
            if (dryRun) {
                return "UPS " + monitor.id() + ": dry run, would ask " + what;
            }
            s.instCmd(ups, cmd, param);
            return "UPS " + monitor.id() + ": asked " + what + " (its output goes off after its delay and, with "
                    + "shutdown.return, comes back when the grid does)";
        } catch (NutException e) {
            return "UPS " + monitor.id() + ": power cycle refused: " + e.getMessage()
                    + (e.error() == NutError.ACCESS_DENIED ? " (give this agent's NUT user instcmds = shutdown.return,"
                    + "load.off.delay)" : "");
        } catch (IOException | RuntimeException e) {
            return "UPS " + monitor.id() + ": power cycle not asked: " + (e.getMessage() == null ? e : e.getMessage());
        }
    }

    int numLogins() throws IOException {
        return session().numLogins(upsName());
    }

    private NutSession session() throws IOException {
        if (session == null) {
            AgentConfig.Endpoint at = current();
            NutSession s = new NutSession(NutClient.connect(at.host(), at.port(), timeout));
            try {
                if (monitor.user() != null) {
                    s.authenticate(monitor.user(), monitor.password());
                    s.login(upsName()); // upsd allows LOGIN only after USERNAME and PASSWORD
                }
                if (monitor.primary()) {
                    s.primary(upsName());
                }
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            session = s;
        }
        return session;
    }

    /** The UPS's name on the server in use (the same UPS may have another name on another server). */
    private String upsName() {
        return current().ups();
    }

    private Integer number(NutSession s, String var) throws IOException {
        String v = optional(s, var);
        try {
            return v == null ? null : (int) Math.round(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String optional(NutSession s, String var) throws IOException {
        try {
            return s.getVar(upsName(), var);
        } catch (NutException e) {
            if (e.error() == NutError.VAR_NOT_SUPPORTED) {
                return null;
            }
            throw e;
        }
    }

    /** LOGOUT, as upsmon does when it goes down, so that a primary waiting in HOSTSYNC sees this machine leave. */
    void logout() {
        if (session != null) {
            try {
                session.logout();
            } catch (IOException e) {
                // going away anyway
            }
        }
        close();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
