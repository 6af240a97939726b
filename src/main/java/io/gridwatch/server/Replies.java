package io.gridwatch.server;

import io.gridwatch.protocol.NutError;
import io.gridwatch.protocol.NutQuoting;

/** Appends reply lines to a connection's output, each ended by a bare LF as upsd sends them. Stateless. */
final class Replies {
    private Replies() {
    }

    static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    static void err(StringBuilder out, NutError error) {
        out.append("ERR ").append(error.token()).append('\n');
    }

    /** {@code <kind> <ups> <name> "<value>"}, e.g. a VAR line. */
    static void quoted(StringBuilder out, String kind, String ups, String name, String value) {
        out.append(kind).append(' ').append(ups).append(' ').append(name).append(' ');
        NutQuoting.appendQuoted(out, value);
        out.append('\n');
    }
}
