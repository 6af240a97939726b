package io.gridwatch.driver.proxy;

import io.gridwatch.client.NutClient;
import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import io.gridwatch.driver.Driver;
import io.gridwatch.driver.Reading;
import io.gridwatch.hub.CommandResult;
import io.gridwatch.hub.DeviceState;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.VarType;
import io.gridwatch.hub.Variable;
import io.gridwatch.protocol.NutError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code driver: nut}: mirrors a UPS on another upsd (where the real UPS hangs on USB, serial or SNMP through
 * NUT's own drivers): every variable, the writable ones with type, ENUM and RANGE, and the instant commands; SET
 * VAR and INSTCMD are relayed and answered with the upstream's TRACKING result. Each poll is one LIST VAR; the
 * RW descriptions and commands are read at open and again every {@link #METADATA_EVERY} polls. An upstream
 * error (DATA-STALE, a lost connection) fails the poll, and the runner marks the data stale and reconnects
 * with backoff. Called only by its {@link io.gridwatch.driver.DriverRunner}, one call at a time.
 */
public final class ProxyDriver implements Driver {
    static final int METADATA_EVERY = 30;
    private static final Duration TRACKING_WAIT = Duration.ofSeconds(15);

    private final ProxySettings settings;
    private NutSession session;
    private boolean tracking;
    private Map<String, Variable> rw = Map.of();
    private Map<String, VarType> types = new HashMap<>();
    private List<String> commands = List.of();
    private int polls;

    public ProxyDriver(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public Reading open(boolean drilling) throws Exception {
        close();
        NutClient client = NutClient.connect(settings.host(), settings.port(), settings.timeout());
        NutSession s = new NutSession(client);
        try {
            if (settings.tls() != ProxySettings.Tls.OFF) {
                boolean on = client.startTls(settings.caFile() == null ? io.gridwatch.tls.TlsTrust.trustAll()
                        : io.gridwatch.tls.TlsTrust.fromPem(settings.caFile()));
                if (!on && settings.tls() == ProxySettings.Tls.REQUIRE) {
                    throw new IOException(settings.upstream() + " does not offer STARTTLS, and tls: require is set");
                }
            }
            if (settings.user() != null) {
                s.authenticate(settings.user(), settings.password());
            }
            try {
                s.setTracking(true);
                tracking = true;
            } catch (NutException e) {
                tracking = false; // an upsd older than 2.8: commands are answered OK without a result
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        session = s;
        types = new HashMap<>();
        polls = 0;
        return poll(drilling);
    }

    @Override
    public Reading poll(boolean drilling) throws Exception {
        if (session == null) {
            throw new IOException("not connected to " + settings.upstream());
        }
        try {
            if (polls++ % METADATA_EVERY == 0) {
                metadata();
            }
            Map<String, String> values = session.listVars(settings.ups());
            DeviceState.Builder b = DeviceState.builder();
            for (Map.Entry<String, String> v : values.entrySet()) {
                Variable w = rw.get(v.getKey());
                b.put(w != null ? w.withValue(v.getValue())
                        : new Variable(v.getKey(), v.getValue(), false, type(v.getKey()), List.of(), List.of()));
            }
            return Reading.of(b.commands(commands).build());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** RW variables with their type, ENUM and RANGE, and the instant commands. */
    private void metadata() throws IOException {
        Map<String, Variable> out = new HashMap<>();
        for (Map.Entry<String, String> e : session.listRw(settings.ups()).entrySet()) {
            String name = e.getKey();
            VarType type = readType(name);
            types.put(name, type);
            List<String> enums = session.listEnum(settings.ups(), name);
            List<Range> ranges = new ArrayList<>();
            for (long[] r : session.listRange(settings.ups(), name)) {
                ranges.add(new Range(r[0], r[1]));
            }
            out.put(name, new Variable(name, e.getValue(), true, type, enums, ranges));
        }
        rw = out;
        commands = session.listCommands(settings.ups());
    }

    private VarType type(String name) throws IOException {
        VarType t = types.get(name);
        if (t == null) {
            t = readType(name);
            types.put(name, t);
        }
        return t;
    }

    /** GET TYPE: NUMBER, or STRING:n (read-only variables say neither, and are numbers to upsd too). */
    private VarType readType(String name) throws IOException {
        for (String word : session.getType(settings.ups(), name)) {
            if (word.startsWith("STRING:")) {
                try {
                    return new VarType.Text(Math.max(1, Integer.parseInt(word.substring(7))));
                } catch (NumberFormatException e) {
                    return new VarType.Text(64);
                }
            }
        }
        return VarType.NUMBER;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public CommandResult setVar(String var, String value) throws Exception {
        return relay(() -> session.setVar(settings.ups(), var, value));
    }

    @Override
    public CommandResult instCmd(String cmd, String param) throws Exception {
        return relay(() -> session.instCmd(settings.ups(), cmd, param));
    }

    private interface Call {
        String run() throws IOException;
    }

    /** Sends the command, then follows its TRACKING id until the upstream driver has answered. */
    private CommandResult relay(Call call) throws Exception {
        if (session == null) {
            return CommandResult.FAILED;
        }
        String id;
        try {
            id = call.run();
        } catch (NutException e) {
            return switch (e.error() == null ? NutError.UNKNOWN : e.error()) {
                case INVALID_ARGUMENT, INVALID_VALUE, TOO_LONG -> CommandResult.INVALID_ARGUMENT;
                case CMD_NOT_SUPPORTED, VAR_NOT_SUPPORTED, READONLY -> CommandResult.UNKNOWN;
                default -> CommandResult.FAILED;
            };
        }
        if (!tracking || id == null) {
            return CommandResult.SUCCESS;
        }
        long until = System.nanoTime() + TRACKING_WAIT.toNanos();
        while (System.nanoTime() < until) {
            String r = session.tracking(id).trim();
            switch (r) {
                case "SUCCESS":
                    return CommandResult.SUCCESS;
                case "PENDING":
                    waitBriefly();
                    continue;
                default:
                    return r.contains("INVALID-ARGUMENT") ? CommandResult.INVALID_ARGUMENT
                            : r.contains("UNKNOWN") ? CommandResult.UNKNOWN : CommandResult.FAILED;
            }
        }
        return CommandResult.FAILED;
    }

    /** Between two GET TRACKING questions, as upscmd -w and upsrw -w do: a remote wait, not a timer. */
    private static void waitBriefly() throws InterruptedException {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
