package io.gridwatch.cli;

import io.gridwatch.client.NutSession;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -w} and {@code -t} of upscmd and upsrw: without {@code -w} the tool says OK once the server has taken
 * the request; with it, it turns tracking on, waits for the driver's result and prints it (NUT's behaviour).
 */
final class WaitOptions {
    @Option(names = "-w", description = "Wait for the driver to carry out the request and print its result.")
    boolean await;

    @Option(names = "-t", paramLabel = "timeout", defaultValue = "10", description = "Seconds to wait with -w (default 10).")
    int timeout;

    /** Before the request: asks for a tracking id when waiting. */
    void prepare(NutSession s) throws IOException {
        if (await) {
            s.setTracking(true);
        }
    }

    /** After the request (tracking {@code id}, null when untracked): prints the outcome; the exit status. */
    int finish(PrintWriter err, NutSession s, String id) throws IOException {
        if (await && id != null) {
            String result = Tracking.await(s, id, timeout);
            err.println(result == null ? "Timeout: the driver did not report a result within " + timeout + " s" : result);
            return result == null ? 1 : 0;
        }
        err.println("OK");
        return 0;
    }
}
