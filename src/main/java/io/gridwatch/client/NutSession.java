package io.gridwatch.client;

import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed NUT calls over a {@link NutClient}: what upsc, upscmd, upsrw and upsmon ask a server. Errors from
 * the server arrive as {@link NutException} carrying the {@link NutError}. Not thread-safe.
 */
public final class NutSession implements AutoCloseable {
    private final NutClient client;

    public NutSession(NutClient client) {
        this.client = client;
    }

    public NutClient client() {
        return client;
    }

    public String version() throws IOException {
        return client.call(new Request.Ver());
    }

    /** UPS names and descriptions, in the server's order. */
    public Map<String, String> listUps() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> w : client.list(new Request.ListUps())) {
            out.put(w.get(1), w.size() > 2 ? w.get(2) : "");
        }
        return out;
    }

    /** Variables and values, in the server's order. */
    public Map<String, String> listVars(String ups) throws IOException {
        return nameValues(client.list(new Request.ListVar(ups)));
    }

    public Map<String, String> listRw(String ups) throws IOException {
        return nameValues(client.list(new Request.ListRw(ups)));
    }

    private static Map<String, String> nameValues(List<List<String>> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> w : lines) {
            out.put(w.get(2), w.size() > 3 ? w.get(3) : "");
        }
        return out;
    }

    public List<String> listCommands(String ups) throws IOException {
        return column(client.list(new Request.ListCmd(ups)), 2);
    }

    public List<String> listEnum(String ups, String var) throws IOException {
        return column(client.list(new Request.ListEnum(ups, var)), 3);
    }

    /** Each range as {min, max}. */
    public List<long[]> listRange(String ups, String var) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (List<String> w : client.list(new Request.ListRange(ups, var))) {
            out.add(new long[] {Long.parseLong(w.get(3).trim()), Long.parseLong(w.get(4).trim())});
        }
        return out;
    }

    /** Addresses of the clients logged in to the UPS. */
    public List<String> listClients(String ups) throws IOException {
        return column(client.list(new Request.ListClient(ups)), 2);
    }

    private static List<String> column(List<List<String>> lines, int index) {
        List<String> out = new ArrayList<>();
        for (List<String> w : lines) {
            out.add(w.size() > index ? w.get(index) : "");
        }
        return out;
    }

    public String getVar(String ups, String var) throws IOException {
        return last(client.expect(new Request.GetVar(ups, var)));
    }

    /** The words after the variable name: e.g. {@code [RW, ENUM, STRING:8]}. */
    public List<String> getType(String ups, String var) throws IOException {
        List<String> w = client.expect(new Request.GetType(ups, var));
        return w.subList(Math.min(3, w.size()), w.size());
    }

    public String getDescription(String ups, String var) throws IOException {
        return last(client.expect(new Request.GetDesc(ups, var)));
    }

    public String getCommandDescription(String ups, String cmd) throws IOException {
        return last(client.expect(new Request.GetCmdDesc(ups, cmd)));
    }

    public String getUpsDescription(String ups) throws IOException {
        return last(client.expect(new Request.GetUpsDesc(ups)));
    }

    public int numLogins(String ups) throws IOException {
        return Integer.parseInt(last(client.expect(new Request.GetNumLogins(ups))).trim());
    }

    /** USERNAME then PASSWORD (upsd checks them only when an action needs them). */
    public void authenticate(String username, String password) throws IOException {
        client.expect(new Request.Username(username));
        client.expect(new Request.Password(password));
    }

    public void login(String ups) throws IOException {
        client.expect(new Request.Login(ups));
    }

    /** PRIMARY, falling back to MASTER for servers older than NUT 2.8. */
    public void primary(String ups) throws IOException {
        try {
            client.expect(new Request.Primary(ups, false));
        } catch (NutException e) {
            if (e.error() != NutError.UNKNOWN_COMMAND) {
                throw e;
            }
            client.expect(new Request.Primary(ups, true));
        }
    }

    public void fsd(String ups) throws IOException {
        client.expect(new Request.Fsd(ups));
    }

    public void setTracking(boolean on) throws IOException {
        client.expect(new Request.SetTracking(on));
    }

    /** SET VAR; returns the TRACKING id when tracking is on, else null. */
    public String setVar(String ups, String var, String value) throws IOException {
        return trackingId(client.expect(new Request.SetVar(ups, var, value)));
    }

    /** INSTCMD; returns the TRACKING id when tracking is on, else null. */
    public String instCmd(String ups, String cmd, String param) throws IOException {
        return trackingId(client.expect(new Request.InstCmd(ups, cmd, param)));
    }

    private static String trackingId(List<String> reply) {
        return reply.size() >= 3 && reply.get(1).equals("TRACKING") ? reply.get(2) : null;
    }

    /** The reply to {@code GET TRACKING <id>}: PENDING, SUCCESS or an ERR line. */
    public String tracking(String id) throws IOException {
        return client.call(new Request.GetTracking(id));
    }

    public void logout() throws IOException {
        client.call(new Request.Logout());
    }

    private static String last(List<String> words) {
        return words.get(words.size() - 1);
    }

    @Override
    public void close() {
        client.close();
    }
}
