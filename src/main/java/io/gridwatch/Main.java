package io.gridwatch;

import io.gridwatch.cli.Cli;

/** The only entry point: hands the arguments to the command line and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
