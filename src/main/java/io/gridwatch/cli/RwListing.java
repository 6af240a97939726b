package io.gridwatch.cli;

import io.gridwatch.client.NutException;
import io.gridwatch.client.NutSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** upsrw's listing: each writable variable with description, type, options and value, as NUT prints it. */
final class RwListing {
    private final NutSession s;
    private final String ups;
    private final PrintWriter out;

    RwListing(NutSession s, String ups, PrintWriter out) {
        this.s = s;
        this.ups = ups;
        this.out = out;
    }

    void print() throws IOException {
        for (String var : s.listRw(ups).keySet()) {
            out.println("[" + var + "]");
            out.println(description(var));
            type(var);
            out.println();
        }
    }

    private String description(String var) throws IOException {
        try {
            return s.getDescription(ups, var);
        } catch (NutException e) {
            return "Description unavailable";
        }
    }

    private void type(String var) throws IOException {
        List<String> words;
        try {
            words = s.getType(ups, var);
        } catch (NutException e) {
            out.println("Unknown type");
            return;
        }
        boolean isEnum = false;
        for (String w : words) {
            if (w.equalsIgnoreCase("ENUM")) {
                isEnum = true;
            } else if (w.equalsIgnoreCase("RANGE")) {
                range(var);
                return;
            } else if (w.regionMatches(true, 0, "STRING:", 0, 7)) {
                long length = Long.parseLong(w.substring(7).trim());
                if (isEnum) {
                    enumeration(var, "STRING", length);
                } else {
                    out.println("Type: STRING");
                    out.println("Maximum length: " + length);
                    out.println("Value: " + s.getVar(ups, var));
                }
                return;
            } else if (w.equalsIgnoreCase("NUMBER")) {
                if (isEnum) {
                    enumeration(var, "NUMBER", 0);
                } else {
                    out.println("Type: NUMBER");
                    out.println("Value: " + s.getVar(ups, var));
                }
                return;
            } else if (!w.equalsIgnoreCase("RW")) {
                out.println("Type: " + w + " (unrecognized)");
            }
        }
        if (isEnum) {
            enumeration(var, null, 0);
        }
    }

    private void enumeration(String var, String base, long length) throws IOException {
        String value = s.getVar(ups, var);
        List<String> options = s.listEnum(ups, var);
        out.println(base == null ? "Type: ENUM" : "Type: ENUM " + base);
        if ("STRING".equals(base)) {
            out.println("Maximum length: " + length);
        }
        for (String o : options) {
            out.println("Option: \"" + o + "\"" + (o.equals(value) ? " SELECTED" : ""));
        }
    }

    private void range(String var) throws IOException {
        long value = leadingInt(s.getVar(ups, var));
        List<long[]> ranges = s.listRange(ups, var);
        out.println("Type: RANGE NUMBER");
        for (long[] r : ranges) {
            out.println("Option: \"" + r[0] + "-" + r[1] + "\"" + (value >= r[0] && value <= r[1] ? " SELECTED" : ""));
        }
    }

    /** The number at the start of a value, 0 when there is none (as C's atoi). */
    private static long leadingInt(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([+-]?\\d+)").matcher(v);
        return m.lookingAt() ? Long.parseLong(m.group(1)) : 0;
    }
}
