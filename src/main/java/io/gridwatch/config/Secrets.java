package io.gridwatch.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Write-only secrets in the configuration API: passwords (NUT users', the proxy driver's, SMTP, MQTT), tokens,
 * signing secrets, notification URLs and headers (a Discord or Slack webhook URL is its own credential) and the
 * history database URL (a JDBC URL may carry a password) are shown as {@value #HIDDEN}, and a text sent back with
 * {@value #HIDDEN} still in place keeps the value the file has at that key. Secrets are found by the YAML parser
 * itself, so block and flow style ({@code mon: { password: x }}) are treated alike; a text that does not parse is
 * hidden by a wider, line-based rule. So the dashboard's forms and the raw editor can change anything else without
 * ever receiving a secret, and typing a new value replaces it. Stateless.
 */
public final class Secrets {
    public static final String HIDDEN = "********";
    static final Set<String> KEYS = Set.of("password", "secret", "token", "bot_token");
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
    private static final Pattern INLINE = Pattern.compile(
            "(?i)((?:password|secret|token|bot_token|url|authorization)[\"']?\\s*:\\s*)(\"[^\"]*\"|'[^']*'|[^,}\\s#][^,}#]*)");

    private Secrets() {
    }

    /** Whether the value at {@code path} (keys from the root) is a secret. */
    static boolean secret(List<String> path) {
        if (path.isEmpty()) {
            return false;
        }
        String key = path.get(path.size() - 1);
        if (KEYS.contains(key)) {
            return true;
        }
        if (path.size() == 2 && (path.get(0).equals("history") || path.get(0).equals("coordination"))
                && key.equals("url")) {
            return true;
        }
        boolean channel = path.size() >= 4 && path.get(0).equals("notify") && path.get(1).equals("channels");
        return channel && (path.size() == 4 && key.equals("url") || path.size() == 5 && path.get(3).equals("headers"));
    }

    /** One secret scalar of a text: where it is (chars, quotes included), its path, line and value. */
    record Span(int start, int end, List<String> path, int line, String value) {
    }

    /** {@code text} with every secret's value replaced by {@value #HIDDEN}. */
    public static String hide(String text) {
        List<Span> spans = spans(text);
        if (spans == null) {
            return hideLines(text);
        }
        StringBuilder sb = new StringBuilder(text);
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span s = spans.get(i);
            if (!s.value().isEmpty()) {
                sb.replace(s.start(), s.end(), "\"" + HIDDEN + "\"");
            }
        }
        return sb.toString();
    }

    /**
     * {@code next} with each {@value #HIDDEN} secret put back from {@code current} (same key path); throws
     * IllegalArgumentException naming the line and key when there is nothing to put back (a new entry needs the
     * value).
     */
    public static String restore(String next, String current) {
        List<Span> spans = spans(next);
        if (spans == null) {
            return next; // not YAML: the configuration check refuses it with the parser's words
        }
        Map<List<String>, String> old = new LinkedHashMap<>();
        List<Span> currentSpans = spans(current);
        if (currentSpans != null) {
            currentSpans.forEach(s -> old.put(s.path(), s.value()));
        }
        StringBuilder sb = new StringBuilder(next);
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span s = spans.get(i);
            if (!s.value().equals(HIDDEN)) {
                continue;
            }
            String kept = old.get(s.path());
            if (kept == null || kept.equals(HIDDEN)) {
                throw new IllegalArgumentException("line " + s.line() + ": " + String.join(".", s.path()) + " is "
                        + HIDDEN + " but the file has no value there to keep; type the secret itself");
            }
            sb.replace(s.start(), s.end(), ConfigText.quoted(kept));
        }
        return sb.toString();
    }

    /** The secret scalars of {@code text} in order, or null when it is not YAML. */
    static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrays = new ArrayDeque<>(); // per open container: {isArray, next index}
            String name = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case PROPERTY_NAME -> name = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        String key = element(arrays, name);
                        if (key != null) {
                            path.addLast(key);
                        }
                        arrays.push(new int[] {t == JsonToken.START_ARRAY ? 1 : 0, 0});
                        name = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        arrays.pop();
                        if (!arrays.isEmpty()) {
                            path.pollLast();
                        }
                    }
                    default -> {
                        String key = element(arrays, name);
                        name = null;
                        List<String> at = new ArrayList<>(path);
                        at.add(key);
                        if (t.isScalarValue() && secret(at)) {
                            int start = index(text, p.currentTokenLocation().getCharOffset());
                            int end = index(text, p.currentLocation().getCharOffset());
                            out.add(new Span(start, end, List.copyOf(at), p.currentTokenLocation().getLineNr(),
                                    t == JsonToken.VALUE_NULL ? "" : p.getString()));
                        }
                    }
                }
            }
        } catch (JacksonException | IllegalStateException | IndexOutOfBoundsException e) {
            return null;
        }
        return out;
    }

    /** The key of the next element of the innermost container: the property name, or the list index. */
    private static String element(Deque<int[]> containers, String name) {
        if (containers.isEmpty()) {
            return null;
        }
        int[] c = containers.peek();
        return c[0] == 1 ? "[" + c[1]++ + "]" : name;
    }

    /** The parser counts code points; a String counts chars. */
    private static int index(String text, long codePoints) {
        return text.offsetByCodePoints(0, (int) Math.min(codePoints, text.codePointCount(0, text.length())));
    }

    /** For a text that is not YAML: every value of a secret-like key on any line, flow style included. */
    private static String hideLines(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "\"" + HIDDEN + "\""));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
