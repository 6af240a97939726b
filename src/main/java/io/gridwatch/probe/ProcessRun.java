package io.gridwatch.probe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command for a probe: stdin from /dev/null, stderr merged into stdout, output read while the
 * command runs (so a chatty command cannot block on a full pipe) and kept up to 64 KB, killed at the timeout.
 * Stateless.
 */
final class ProcessRun {
    static final int MAX_OUTPUT = 64 * 1024;

    /** How a run ended: exit code and output, or why it could not tell. */
    record Outcome(int exitCode, String output, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private ProcessRun() {
    }

    static Outcome run(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            return new Outcome(-1, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] head = in.readNBytes(MAX_OUTPUT);
                in.transferTo(java.io.OutputStream.nullOutputStream());
                output.complete(head);
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        try {
            if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Outcome(-1, "", command.get(0) + " did not finish within " + timeout.toMillis() + " ms");
            }
            byte[] out = output.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip(), null);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Outcome(-1, "", "cannot read the output of " + command.get(0));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome(-1, "", "interrupted");
        }
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
