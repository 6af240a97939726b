package io.gridwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program to completion (bounded), capturing exit code, stdout and stderr. */
public final class Programs {
    private Programs() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        /** stderr without the line NSS-built NUT clients always print. */
        public String stderrClean() {
            return stderr.replace("Init SSL without certificate database\n", "");
        }
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of(), 30);
    }

    /** Runs {@code command} in the working directory {@code dir}. */
    public static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        return run(command, Map.of(), 60, dir);
    }

    public static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        return run(command, env, timeoutSeconds, null);
    }

    public static Result run(List<String> command, Map<String, String> env, int timeoutSeconds, Path dir)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("gw-out", ".txt");
        Path err = Files.createTempFile("gw-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
