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

    @Parameters(paramLabel = "<user>", defaultValue = "admin", description = "The dashboard user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridwatch-data",
            description = "The server's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The new password (default: generate one).")
    String password;

    @Option(names = "--create", description = "Create the user if there is none of that name (else a typo is refused).")
    boolean create;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "admin",
            description = "With --create: admin or viewer (default: ${DEFAULT-VALUE}).")
    String role;

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
        Role newRole;
        try {
            newRole = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("Error: --role must be admin or viewer (got '" + role + "')");
            return 2;
        }
        String pw = password != null ? password : Credentials.generate(20);
        try {
            // the server runs as its own user: the file keeps the owner, group and mode it had, so that a
            // password reset with sudo does not leave a file the service can no longer read
            FileOwnership kept = FileOwnership.of(Files.exists(file) ? file : dataDir);
            if (!kept.writableByMe(file)) {
                err.println("Error: " + file + " belongs to " + kept.owner() + " and cannot be written as "
                        + System.getProperty("user.name") + ": run 'sudo -u " + kept.owner() + " gridwatch passwd "
                        + user + " --data-dir " + dataDir + "' (or as root)");
                return 1;
            }
            AuthStore.Opened opened = AuthStore.open(file, PasswordHash.DEFAULT_ITERATIONS, Clock.systemUTC());
            AuthStore store = opened.store();
            if (store.user(user).isPresent()) {
                store.update(user, null, pw);
            } else if (create) {
                store.addUser(user, newRole, pw);
            } else {
                kept.restore(file);
                err.println("Error: there is no dashboard user '" + user + "' in " + file + " (users: "
                        + String.join(", ", store.users().stream().map(AuthStore.User::name).toList())
                        + "); add --create to make one");
                return 2;
            }
            kept.restore(file);
        } catch (IOException e) {
            err.println("Error: cannot update " + io.gridwatch.files.FileErrors.describe(e));
            return 1;
        } catch (RuntimeException e) {
            err.println("Error: cannot update " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("Password of " + user + " set" + (password == null ? ": " + pw : "") + " (in " + file + ")");
        return 0;
    }
}
