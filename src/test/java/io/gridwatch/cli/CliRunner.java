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
        // the command line sets the root log level for its process; in the test JVM it is put back after
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        int code;
        try {
            code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            root.setLevel(before);
        }
        return new Run(code, out.toString(), err.toString());
    }
}
