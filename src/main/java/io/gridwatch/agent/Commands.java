package io.gridwatch.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's external commands (hooks, NOTIFYCMD, timers, the shutdown command) with an environment and a
 * time limit, logging what each did. Output goes to a temporary file, so a chatty command cannot block on a full
 * pipe; its last lines are logged. Thread-safe.
 */
final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    /** How a command ended: its exit code, or null when it could not start or ran out of time. */
    record Outcome(Integer exitCode, String output, String failure) {
        boolean ok() {
            return exitCode != null && exitCode == 0;
        }
    }

    Outcome run(String what, List<String> command, Map<String, String> env, Duration timeout) {
        File out = null;
        try {
            out = File.createTempFile("gridwatch-agent", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close(); // nothing to read: a command that waits for input gets end-of-file
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                LOG.warn("{}: {} did not finish within {} s; stopped", what, command.get(0), timeout.toSeconds());
                return new Outcome(null, tail(out), "did not finish within " + timeout.toSeconds() + " s");
            }
            String output = tail(out);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (p.exitValue() == 0) {
                LOG.info("{}: {} finished in {} ms{}", what, command.get(0), ms, output.isEmpty() ? "" : ": " + output);
            } else {
                LOG.warn("{}: {} exited with {} after {} ms{}", what, command.get(0), p.exitValue(), ms,
                        output.isEmpty() ? "" : ": " + output);
            }
            return new Outcome(p.exitValue(), output, null);
        } catch (IOException e) {
            LOG.warn("{}: cannot run {}: {}", what, command.get(0), e.getMessage());
            return new Outcome(null, "", "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "", "interrupted");
        } finally {
            if (out != null && !out.delete()) {
                out.deleteOnExit();
            }
        }
    }

    private static String tail(File f) throws IOException {
        byte[] all = java.nio.file.Files.readAllBytes(f.toPath());
        String s = new String(all, Math.max(0, all.length - 2000), Math.min(all.length, 2000), StandardCharsets.UTF_8);
        return s.strip().replace('\n', ' ');
    }
}
