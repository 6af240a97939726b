package io.gridwatch.cli;

import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.PasswordHash;
import io.gridwatch.api.auth.Scope;
import io.gridwatch.config.migrate.Migration;
import io.gridwatch.files.DataFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The API tokens an import keeps (UPS_Server_Docker's clients go on with theirs). A class apart from
 * {@link ImportCommand} on purpose: picocli reflects on every command class when the command line is built, and
 * any type in a command's method signatures (lambdas included) is loaded then, by the agent too. Stateless.
 */
final class ImportedTokens {
    private ImportedTokens() {
    }

    /** Stores each token (digest only) with the client scope, replacing one of the same name; the admin password if new. */
    static String keep(Path auth, List<Migration.KeptToken> tokens) throws IOException {
        DataFolder.prepare(auth.getParent());
        AuthStore.Opened opened = AuthStore.open(auth, PasswordHash.DEFAULT_ITERATIONS, Clock.systemUTC());
        AuthStore store = opened.store();
        for (Migration.KeptToken t : tokens) {
            store.tokens().stream().filter(x -> x.name().equals(t.name())).forEach(x -> store.deleteToken(x.id()));
            store.createToken(t.name(), Set.of(Scope.CLIENT), t.secret(), "import", "admin", Set.of());
        }
        return opened.initialAdminPassword();
    }

}
