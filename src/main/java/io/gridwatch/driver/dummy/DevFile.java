package io.gridwatch.driver.dummy;

import io.gridwatch.protocol.NutTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A NUT dummy-ups definition file, parsed: {@code .dev} files are {@code var: value} lines (the format
 * {@code upsc} prints); {@code .seq} files add {@code TIMER <seconds>} lines that split them into steps.
 * Lines follow NUT's tokenizer rules (quotes, backslashes, comments); a value's words are joined with one
 * space; {@code driver.*} lines are skipped, as dummy-ups does. Immutable.
 */
public record DevFile(List<Step> steps, List<String> warnings) {

    /** Assignments applied together, then a pause (zero after the last step of a file without TIMER). */
    public record Step(List<Assignment> assignments, long pauseSeconds) {
    }

    public record Assignment(int line, String var, String value) {
    }

    public static DevFile parse(String fileName, String text) {
        List<Step> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Assignment> current = new ArrayList<>();
        for (NutTokenizer.Line line : NutTokenizer.lines(text, true)) {
            List<String> w = line.words();
            String first = w.get(0);
            if (first.equalsIgnoreCase("TIMER")) {
                steps.add(new Step(List.copyOf(current), timer(fileName, line, warnings)));
                current.clear();
                continue;
            }
            String var = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
            int colon = var.indexOf(':');
            if (colon >= 0) {
                var = var.substring(0, colon);
            }
            if (var.isEmpty() || !var.matches("[A-Za-z0-9_.-]+")) {
                warnings.add(fileName + ":" + line.number() + ": '" + first + "' is not a variable name; line ignored");
                continue;
            }
            if (var.toLowerCase(Locale.ROOT).startsWith("driver.")) {
                continue;
            }
            current.add(new Assignment(line.number(), var, String.join(" ", w.subList(1, w.size()))));
        }
        if (!current.isEmpty() || steps.isEmpty()) {
            steps.add(new Step(List.copyOf(current), 0));
        }
        return new DevFile(List.copyOf(steps), List.copyOf(warnings));
    }

    private static long timer(String fileName, NutTokenizer.Line line, List<String> warnings) {
        if (line.words().size() < 2) {
            warnings.add(fileName + ":" + line.number() + ": TIMER needs a number of seconds; taken as 0");
            return 0;
        }
        try {
            long s = Long.parseLong(line.words().get(1));
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            warnings.add(fileName + ":" + line.number() + ": TIMER '" + line.words().get(1)
                    + "' is not a whole number of seconds; taken as 0");
            return 0;
        }
    }

    /** True when the file has TIMER steps (a sequence). */
    public boolean isSequence() {
        return steps.size() > 1 || steps.get(0).pauseSeconds() > 0;
    }
}
