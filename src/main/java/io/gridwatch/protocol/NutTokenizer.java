package io.gridwatch.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits NUT protocol lines and NUT-style config lines into words, one byte at a time, with the same
 * rules as NUT's {@code common/parseconf.c}: words split on whitespace; {@code "quoted words"} may contain
 * spaces and run across physical lines; a backslash takes the next character literally (and joins lines);
 * {@code #} starts a comment; {@code =} is a word of its own; control characters are dropped.
 *
 * <p>Memory is bounded the way upsd bounds it: a word keeps at most {@link #WORD_LIMIT} characters and a
 * line at most {@link #ARG_LIMIT} words; anything beyond is read and dropped. So a peer that sends an
 * endless line costs CPU but never memory.
 *
 * <p>In ASCII mode (what upsd does, and what our server uses) bytes outside 0x20..0x7F are dropped; otherwise
 * they are kept and the words decoded as UTF-8 (what our own client uses, to show non-ASCII descriptions).
 * The words of the line being read are kept as bytes and offsets, and become strings only in
 * {@link #takeArgs()}: a long-lived tokenizer then never points at short-lived objects, which keeps the
 * garbage collector's work flat however many connections are open.
 * Not thread-safe: one instance per connection or per file.
 */
public final class NutTokenizer {
    /** Words kept per line (NUT's PCONF_DEFAULT_ARG_LIMIT). */
    public static final int ARG_LIMIT = 32;
    /** Bytes kept per word (NUT's PCONF_DEFAULT_WORDLEN_LIMIT). */
    public static final int WORD_LIMIT = 512;

    private enum State { WORD_START, TO_EOL, QUOTED, QUOTED_LITERAL, WORD, WORD_LITERAL }

    private final boolean asciiOnly;
    /** The bytes of the current line's words, back to back; grows up to ARG_LIMIT * WORD_LIMIT. */
    private byte[] line = new byte[64];
    private int length;
    private int wordStart;
    private final int[] ends = new int[ARG_LIMIT];
    private int words;
    private State state = State.WORD_START;
    private boolean lineDone;

    public NutTokenizer(boolean asciiOnly) {
        this.asciiOnly = asciiOnly;
    }

    /** A tokenizer with upsd's rules (ASCII only). */
    public static NutTokenizer forServer() {
        return new NutTokenizer(true);
    }

    /**
     * Consumes bytes from {@code in} until a line is complete (returns true; the line's words are in
     * {@link #takeArgs()} and {@code in} is positioned after it) or {@code in} is used up (returns false).
     * Same rules as {@link #accept}; runs of ordinary word characters are copied without the per-byte state
     * machine, which is what a server's hot path mostly sees.
     */
    public boolean feed(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (state == State.WORD_START) {
                int pos = in.position();
                int limit = in.limit();
                while (pos < limit && in.get(pos) == ' ') {
                    pos++;
                }
                in.position(pos);
                if (pos == limit) {
                    return false;
                }
                int ch = in.get(pos) & 0xFF;
                if (plain(ch)) {
                    state = State.WORD;
                    lineDone = false;
                }
            }
            if (state == State.WORD) {
                int pos = in.position();
                int limit = in.limit();
                ensureRoom(WORD_LIMIT);
                int n = length;
                int max = wordStart + WORD_LIMIT;
                while (pos < limit) {
                    int ch = in.get(pos) & 0xFF;
                    if (!plain(ch)) {
                        break;
                    }
                    pos++;
                    if (n < max) {
                        line[n++] = (byte) ch;
                    }
                }
                in.position(pos);
                length = n;
                if (pos == limit) {
                    return false;
                }
            }
            if (accept(in.get())) {
                return true;
            }
        }
        return false;
    }

    /** A character that simply continues a word in every mode. */
    private static boolean plain(int ch) {
        return ch > 0x20 && ch < 0x7F && ch != '"' && ch != '#' && ch != '\\' && ch != '=';
    }

    /**
     * Consumes one byte. Returns true when it completed a line; the line's words are then in
     * {@link #takeArgs()}. An empty line completes with no words.
     */
    public boolean accept(byte b) {
        int ch = b & 0xFF;
        lineDone = false;
        switch (state) {
            case WORD_START -> state = wordStart(ch);
            case TO_EOL -> state = ch == '\n' ? endOfLine() : State.TO_EOL;
            case QUOTED -> state = quoted(ch);
            case QUOTED_LITERAL -> {
                if (ch != '\n') {
                    add(ch);
                }
                state = State.QUOTED;
            }
            case WORD -> state = inWord(ch);
            case WORD_LITERAL -> {
                if (ch != '\n') {
                    add(ch);
                }
                state = State.WORD;
            }
        }
        return lineDone;
    }

    private State endOfLine() {
        lineDone = true;
        return State.WORD_START;
    }

    private State wordStart(int ch) {
        if (ch == '\n') {
            return endOfLine();
        }
        if (ch == '#') {
            return State.TO_EOL;
        }
        if (isSpace(ch)) {
            return State.WORD_START;
        }
        if (ch == '\\') {
            return State.WORD_LITERAL;
        }
        if (ch == '"') {
            return State.QUOTED;
        }
        add(ch);
        if (ch == '=') {
            endOfWord();
            return State.WORD_START;
        }
        return State.WORD;
    }

    private State quoted(int ch) {
        if (ch == '"') {
            endOfWord();
            return State.WORD_START;
        }
        if (ch == '\\') {
            return State.QUOTED_LITERAL;
        }
        add(ch);
        return State.QUOTED;
    }

    private State inWord(int ch) {
        if (ch == '#') {
            endOfWord();
            return State.TO_EOL;
        }
        if (ch == '\n') {
            endOfWord();
            return endOfLine();
        }
        if (isSpace(ch)) {
            endOfWord();
            return State.WORD_START;
        }
        if (ch == '=') {
            endOfWord();
            add(ch);
            endOfWord();
            return State.WORD_START;
        }
        if (ch == '\\') {
            return State.WORD_LITERAL;
        }
        add(ch);
        return State.WORD;
    }

    private static boolean isSpace(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == 0x0B || ch == '\f';
    }

    private void add(int ch) {
        boolean control = ch < 0x20;
        boolean high = ch > 0x7F;
        if (control || (asciiOnly && high) || length - wordStart >= WORD_LIMIT) {
            return;
        }
        ensureRoom(1);
        line[length++] = (byte) ch;
    }

    private void ensureRoom(int bytes) {
        if (length + bytes > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + bytes));
        }
    }

    private void endOfWord() {
        if (words < ARG_LIMIT) {
            ends[words++] = length;
        } else {
            length = wordStart; // past upsd's word limit: dropped
        }
        wordStart = length;
    }

    /** Ends input: a word still being collected outside quotes is kept, as NUT does at end of file. */
    public boolean finish() {
        if (state == State.WORD || state == State.WORD_LITERAL) {
            endOfWord();
        }
        boolean pending = words > 0;
        state = State.WORD_START;
        return pending;
    }

    /** True while a quoted word is open (the line goes on past a newline). */
    public boolean inQuotes() {
        return state == State.QUOTED || state == State.QUOTED_LITERAL;
    }

    /** Returns the words of the completed line and starts a new one. */
    public List<String> takeArgs() {
        // in ASCII mode every byte kept is below 0x80, so Latin-1 decoding is exact and cheaper than UTF-8
        java.nio.charset.Charset cs = asciiOnly ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        List<String> done = new ArrayList<>(words);
        int start = 0;
        for (int i = 0; i < words; i++) {
            done.add(new String(line, start, ends[i] - start, cs));
            start = ends[i];
        }
        words = 0;
        length = 0;
        wordStart = 0;
        if (line.length > 1024) {
            line = new byte[64]; // give back what a huge line needed
        }
        lineDone = false;
        return done;
    }

    /** Splits one logical line, for tests and small inputs; words after a newline are not part of it. */
    public static List<String> split(String line) {
        List<Line> lines = lines(line, false);
        return lines.isEmpty() ? List.of() : lines.get(0).words();
    }

    /** A logical line of a file: its words and the physical line it started on (1-based). */
    public record Line(int number, List<String> words) {
    }

    /** Splits a whole NUT-style file (dummy-ups {@code .dev}/{@code .seq}, cmdvartab) into non-empty lines. */
    public static List<Line> lines(String text, boolean asciiOnly) {
        NutTokenizer t = new NutTokenizer(asciiOnly);
        List<Line> out = new ArrayList<>();
        int physical = 1;
        int start = 1;
        boolean startSet = false;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (!startSet && !isSpace(b) && b != '\n') {
                start = physical;
                startSet = true;
            }
            if (t.accept(b)) {
                List<String> words = t.takeArgs();
                if (!words.isEmpty()) {
                    out.add(new Line(start, words));
                }
                startSet = false;
            }
            if (b == '\n') {
                physical++;
            }
        }
        if (t.finish()) {
            out.add(new Line(start, t.takeArgs()));
        }
        return out;
    }
}
