package io.gridwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code gridwatch} command line in-process, for tests in any package. */
public final class CliRunner {
    /** Exit code and what went to standard output and standard error. */
    public record Run(int code, String out, String err) {
    }

    private CliRunner() {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
