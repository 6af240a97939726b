package io.gridwatch.protocol;

/**
 * Escaping for values sent in double quotes: a backslash before {@code "}, {@code \} and {@code #}, exactly
 * as NUT's {@code pconf_encode} does, so that {@link NutTokenizer} (and every NUT client) reads the value back
 * unchanged. Stateless.
 */
public final class NutQuoting {
    private NutQuoting() {
    }

    /** Escapes a value for use inside double quotes. */
    public static String escape(String value) {
        int i = firstSpecial(value);
        if (i < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpecial(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The value escaped and in double quotes. */
    public static String quote(String value) {
        return '"' + escape(value) + '"';
    }

    /** Appends the quoted value to a builder without intermediate strings (hot path of LIST VAR). */
    public static void appendQuoted(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpecial(c)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** A word for a command line: quoted when it is empty or holds anything the tokenizer would split on. */
    public static String word(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || c == '#' || c == '=') {
                return quote(value);
            }
        }
        return value;
    }

    private static int firstSpecial(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isSpecial(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpecial(char c) {
        return c == '"' || c == '\\' || c == '#';
    }
}
