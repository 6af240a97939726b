package io.gridwatch.cli;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.PasswordHash;
import io.gridwatch.api.auth.Role;
import io.gridwatch.app.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch passwd <user>}: sets a dashboard user's password in the data folder's {@code auth.json} (for a
 * lost admin password; needs the right to write that file). Without {@code --password} one is generated and
 * printed. A missing user is created as an admin. Run it while the server is stopped: a running server keeps its
 * own copy of the users.
 */
@Command(name = "passwd", description = "Set a dashboard user's password (the server must be stopped).")
final class PasswdCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "<user>", defaultValue = "admin")
    String user;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridwatch-data",
            description = "The server's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The new password (default: generate one).")
    String password;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path file = dataDir.resolve("auth.json");
        if (!Files.isDirectory(dataDir)) {
            err.println("Error: no data folder " + dataDir.toAbsolutePath() + " (give --data-dir)");
            return 2;
        }
        if (password != null && password.length() < 10) {
            err.println("Error: a password needs at least 10 characters");
            return 2;
        }
        String pw = password != null ? password : Credentials.generate(20);
        try {
            AuthStore store = AuthStore.open(file, PasswordHash.DEFAULT_ITERATIONS, Clock.systemUTC()).store();
            if (store.user(user).isPresent()) {
                store.update(user, null, pw);
            } else {
                store.addUser(user, Role.ADMIN, pw);
            }
        } catch (IOException | RuntimeException e) {
            err.println("Error: cannot update " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("Password of " + user + " set" + (password == null ? ": " + pw : "") + " (in " + file + ")");
        return 0;
    }
}
