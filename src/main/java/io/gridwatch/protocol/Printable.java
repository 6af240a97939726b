package io.gridwatch.protocol;

/**
 * Text a client sent, made safe to echo into a log line or an error message: at most a short prefix, with
 * control characters, quotes and backslashes escaped, so a client can neither flood a log nor forge a line of
 * it. Stateless.
 */
public final class Printable {
    /** How much of a client's text is ever quoted back. */
    public static final int LIMIT = 64;

    private Printable() {
    }

    /** At most {@link #LIMIT} characters of {@code text}, escaped; "..." and the full length when cut. */
    public static String clip(String text) {
        return clip(text, LIMIT);
    }

    public static String clip(String text, int limit) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), limit) + 16);
        int n = Math.min(text.length(), limit);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > limit) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
