package io.gridwatch.config.migrate;

import io.gridwatch.protocol.NutTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NUT's configuration files as NUT's own parser reads them (quotes, backslash escapes, {@code #} comments, and
 * {@code =} as a word of its own): either directive files ({@code upsd.conf}, {@code upsmon.conf},
 * {@code upssched.conf}: one directive per line) or section files ({@code ups.conf}, {@code upsd.users}:
 * {@code [name]} headers, then {@code key = value} or bare {@code key value} lines). Every line keeps its number,
 * so that whatever is not carried over can be named. Immutable.
 */
final class NutConf {
    /** One logical line: its number and its words. */
    record Line(int number, List<String> words) {
        String first() {
            return words.get(0);
        }

        /** The words after the first, with a lone {@code =} after the key dropped ({@code key = value}). */
        List<String> args() {
            List<String> rest = words.subList(1, words.size());
            return !rest.isEmpty() && rest.get(0).equals("=") ? rest.subList(1, rest.size()) : rest;
        }

        /** The first argument, or empty. */
        String value() {
            List<String> a = args();
            return a.isEmpty() ? "" : a.get(0);
        }
    }

    /** A section of a section file: its name, the line of its header, and its lines. */
    record Block(String name, int line, List<Line> lines) {
    }

    /** A section file: the lines before the first section, then each section in order. */
    record Sections(List<Line> global, Map<String, Block> blocks) {
    }

    private NutConf() {
    }

    static List<Line> directives(String text) {
        List<Line> out = new ArrayList<>();
        for (NutTokenizer.Line l : NutTokenizer.lines(text, false)) {
            out.add(new Line(l.number(), l.words()));
        }
        return out;
    }

    static Sections sections(String text) {
        List<Line> global = new ArrayList<>();
        Map<String, Block> blocks = new LinkedHashMap<>();
        List<Line> current = global;
        for (Line l : directives(text)) {
            String w = l.first();
            if (w.startsWith("[") && w.endsWith("]") && w.length() > 2 && l.words().size() == 1) {
                String name = w.substring(1, w.length() - 1);
                Block b = blocks.computeIfAbsent(name, n -> new Block(n, l.number(), new ArrayList<>()));
                current = b.lines();
            } else {
                current.add(l);
            }
        }
        return new Sections(global, blocks);
    }
}
