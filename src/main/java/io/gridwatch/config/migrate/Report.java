package io.gridwatch.config.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import could not carry over (each with its file and line), what it kept that is weaker than
 * Gridwatch's defaults (each with the one change that hardens it), and what the user must do next. Not
 * thread-safe; filled by one importer.
 */
public final class Report {
    /** A setting kept on purpose although it is weaker than Gridwatch's default, and how to harden it. */
    public record Weak(String what, String harden) {
    }

    private final List<String> notCarried = new ArrayList<>();
    private final List<Weak> weak = new ArrayList<>();
    private final List<String> todo = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A key or line that did not carry over: {@code file:line: what and why}. */
    void notCarried(String file, int line, String what) {
        notCarried.add(file + ":" + line + ": " + what);
    }

    /** Something not tied to one line (a missing file, an empty list). */
    void notCarried(String file, String what) {
        notCarried.add(file + ": " + what);
    }

    void weak(String what, String harden) {
        weak.add(new Weak(what, harden));
    }

    void todo(String what) {
        todo.add(what);
    }

    /** Something the user should know that needs no action (where things moved). */
    void note(String what) {
        notes.add(what);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> notCarried() {
        return List.copyOf(notCarried);
    }

    public List<Weak> weak() {
        return List.copyOf(weak);
    }

    public List<String> todo() {
        return List.copyOf(todo);
    }

    /** Everything, for a terminal: not carried, then to do, then the one warning block of weak settings. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!notCarried.isEmpty()) {
            sb.append("Not carried over (").append(notCarried.size()).append("):\n");
            notCarried.forEach(n -> sb.append("  ").append(n).append('\n'));
        }
        if (!notes.isEmpty()) {
            sb.append("Notes:\n");
            notes.forEach(t -> sb.append("  - ").append(t).append('\n'));
        }
        if (!todo.isEmpty()) {
            sb.append("To do before starting:\n");
            todo.forEach(t -> sb.append("  - ").append(t).append('\n'));
        }
        if (!weak.isEmpty()) {
            sb.append("WARNING: kept on purpose so that existing clients keep working, weaker than Gridwatch's defaults:\n");
            for (Weak w : weak) {
                sb.append("  - ").append(w.what()).append('\n');
                sb.append("      harden: ").append(w.harden()).append('\n');
            }
        }
        return sb.toString();
    }
}
