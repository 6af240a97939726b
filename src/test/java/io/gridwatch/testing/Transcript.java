package io.gridwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded NUT dialogue (../shared/reference format): sections ({@code ## X: title}), bytes sent
 * ({@code C: "json"}), bytes received ({@code S: "json"}), silence ({@code S: (no reply)}), a closed
 * connection ({@code S: (connection closed)}) and comments ({@code # ...}, also after a C line).
 */
public record Transcript(List<Section> sections) {

    public enum Kind { SEND, EXPECT, SILENCE, CLOSED, COMMENT }

    public record Step(Kind kind, String text, String comment, int line) {
    }

    public record Section(String title, List<Step> steps) {
    }

    public static Transcript load(String resource) throws IOException {
        try (InputStream in = Transcript.class.getResourceAsStream(resource)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public static Transcript parse(String text) {
        List<Section> sections = new ArrayList<>();
        List<Step> steps = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.startsWith("## ")) {
                steps = new ArrayList<>();
                sections.add(new Section(line.substring(3), steps));
            } else if (steps == null) {
                continue;
            } else if (line.startsWith("C: ")) {
                String[] sc = stringAndComment(line.substring(3));
                steps.add(new Step(Kind.SEND, sc[0], sc[1], n));
            } else if (line.equals("S: (no reply)")) {
                steps.add(new Step(Kind.SILENCE, null, null, n));
            } else if (line.equals("S: (connection closed)")) {
                steps.add(new Step(Kind.CLOSED, null, null, n));
            } else if (line.startsWith("S: ")) {
                steps.add(new Step(Kind.EXPECT, stringAndComment(line.substring(3))[0], null, n));
            } else if (line.startsWith("#")) {
                steps.add(new Step(Kind.COMMENT, null, line.substring(1).trim(), n));
            }
        }
        return new Transcript(sections);
    }

    /** Decodes the leading JSON string; returns it and the comment after it (or null). */
    static String[] stringAndComment(String s) {
        if (!s.startsWith("\"")) {
            throw new IllegalArgumentException("expected a JSON string: " + s);
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        for (; s.charAt(i) != '"'; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        String rest = s.substring(i + 1).trim();
        return new String[] {out.toString(), rest.startsWith("#") ? rest.substring(1).trim() : null};
    }
}
