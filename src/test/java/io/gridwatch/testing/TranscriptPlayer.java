package io.gridwatch.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a {@link Transcript} against a server and collects every difference. Each section starts on a new
 * connection; connections stay open until the end (upsd's state, like NUMLOGINS, depends on them). The only
 * normalizations are the ones a re-recording against upsd itself would need, each listed here:
 * <ul>
 * <li>TRACKING ids are random: an id the server hands out replaces the recorded one from then on;</li>
 * <li>{@code driver.*} variables name the driver, so they are left out of LIST VAR on both sides;</li>
 * <li>a SET or INSTCMD is applied by the driver after {@code OK} (in upsd as here): a GET TRACKING answered
 *     PENDING, or a GET VAR of a variable set earlier on the connection, is asked again (up to 2 s) before it
 *     counts as different.</li>
 * </ul>
 * Comments in the transcript (driver stopped, resumed, killed) go to the {@code directive} hook.
 */
public final class TranscriptPlayer {
    private static final Pattern UUID = Pattern.compile(
            "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");

    private final int port;
    private final Consumer<String> directive;
    private final Map<String, String> expectedReplacements;
    private final Map<String, String> ids = new HashMap<>();
    private final List<String> differences = new ArrayList<>();
    private final List<Wire> open = new ArrayList<>();

    /** @param expectedReplacements recorded replies we deliberately answer otherwise, with ours */
    public TranscriptPlayer(int port, Consumer<String> directive, Map<String, String> expectedReplacements) {
        this.port = port;
        this.directive = directive;
        this.expectedReplacements = expectedReplacements;
    }

    public List<String> play(Transcript t) throws IOException {
        try {
            for (Transcript.Section s : t.sections()) {
                section(s);
            }
        } finally {
            for (Wire w : open) {
                w.close();
            }
        }
        return differences;
    }

    private void section(Transcript.Section s) throws IOException {
        Wire wire = null;
        Wire closed = null;
        Set<String> setVars = new HashSet<>();
        List<Transcript.Step> steps = s.steps();
        for (int i = 0; i < steps.size(); i++) {
            Transcript.Step step = steps.get(i);
            switch (step.kind()) {
                case COMMENT -> directive.accept(step.comment());
                case SEND -> {
                    if (step.comment() != null) {
                        directive.accept(step.comment());
                    }
                    boolean expectClosed = i + 1 < steps.size() && steps.get(i + 1).kind() == Transcript.Kind.CLOSED;
                    if (wire == null && closed != null && expectClosed) {
                        // a request on a connection the server has already closed
                        wire = closed;
                        try {
                            wire.send(step.text());
                        } catch (IOException e) {
                            // broken pipe: closed indeed
                        }
                        continue;
                    }
                    if (wire == null) {
                        wire = Wire.local(port);
                        open.add(wire);
                    }
                    StringBuilder expected = new StringBuilder();
                    int j = i + 1;
                    while (j < steps.size() && steps.get(j).kind() == Transcript.Kind.EXPECT) {
                        expected.append(steps.get(j++).text());
                    }
                    String request = substituteIds(step.text());
                    wire.send(request);
                    if (expected.length() > 0) {
                        compare(s, step, wire, request, setVars, expected.toString());
                    }
                    String[] w = request.trim().split(" ");
                    if (w.length >= 4 && w[0].equalsIgnoreCase("SET") && w[1].equalsIgnoreCase("VAR")) {
                        setVars.add(w[3].toLowerCase(Locale.ROOT));
                    }
                    i = j - 1;
                }
                case SILENCE -> {
                    if (!wire.silentFor(300)) {
                        differences.add(where(s, step) + ": expected no reply");
                    }
                }
                case CLOSED -> {
                    if (!wire.closedByServer()) {
                        differences.add(where(s, step) + ": expected the connection to be closed");
                    }
                    closed = wire;
                    wire = null;
                }
                case EXPECT -> differences.add(where(s, step) + ": reply without a request");
            }
        }
    }

    private void compare(Transcript.Section s, Transcript.Step step, Wire wire, String request,
                         Set<String> setVars, String expected) throws IOException {
        String want = expectedReplacements.getOrDefault(expected, expected);
        String got;
        try {
            got = read(wire, want.split("\n", -1).length - 1);
        } catch (IOException e) {
            differences.add(where(s, step) + ": sent " + esc(request) + "\n   expected " + esc(want)
                    + "\n   got no reply: " + e);
            return;
        }
        learnIds(want, got);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!normalize(got).equals(normalize(substituteIds(want))) && retryable(request, setVars, got)
                && System.nanoTime() < deadline) {
            sleep();
            wire.send(request);
            got = read(wire, want.split("\n", -1).length - 1);
        }
        if (!normalize(got).equals(normalize(substituteIds(want)))) {
            differences.add(where(s, step) + ": sent " + esc(request) + "\n   expected " + esc(want)
                    + "\n   got      " + esc(got));
        }
    }

    /** Reads {@code lines} lines, or a whole LIST block (up to its END line), or one ERR line. */
    private String read(Wire wire, int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        String first = wire.line();
        sb.append(first).append('\n');
        if (first.startsWith("BEGIN LIST")) {
            String line;
            do {
                line = wire.line();
                sb.append(line).append('\n');
            } while (!line.startsWith("END LIST"));
            return sb.toString();
        }
        for (int k = 1; k < lines && !first.startsWith("ERR "); k++) {
            sb.append(wire.line()).append('\n');
        }
        return sb.toString();
    }

    private static boolean retryable(String request, Set<String> setVars, String got) {
        if (request.startsWith("GET TRACKING ") && got.equals("PENDING\n")) {
            return true;
        }
        String[] r = request.trim().split(" ");
        return r.length >= 4 && r[0].equals("GET") && r[1].equals("VAR")
                && setVars.contains(r[3].toLowerCase(Locale.ROOT));
    }

    private void learnIds(String expected, String got) {
        Matcher e = UUID.matcher(expected);
        Matcher g = UUID.matcher(got);
        if (expected.startsWith("OK TRACKING") && e.find() && g.find()) {
            ids.put(e.group(), g.group());
        }
    }

    private String substituteIds(String text) {
        String out = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            out = out.replace(id.getKey(), id.getValue());
        }
        return out;
    }

    private static String normalize(String reply) {
        return reply.replaceAll("(?m)^VAR \\S+ driver\\.[^\\n]*\\n", "");
    }

    private static String where(Transcript.Section s, Transcript.Step step) {
        return "[" + s.title() + "] line " + step.line();
    }

    private static String esc(String s) {
        String e = s.replace("\n", "\\n");
        return e.length() > 300 ? e.substring(0, 300) + "..." : e;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
