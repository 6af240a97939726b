package io.gridwatch.cli;

import io.gridwatch.client.NutSession;
import io.gridwatch.client.UpsAddress;
import java.io.IOException;
import picocli.CommandLine.Option;

/**
 * {@code -u} and {@code -p} of the NUT tools that need a login (upscmd, upsrw, drill), and the prologue they
 * share: the login is settled first (asked on the terminal when missing, as NUT's tools ask), then the session is
 * opened with the connection options and logged in.
 */
final class LoginOptions {
    @Option(names = "-u", paramLabel = "username", description = "NUT user name (asked when missing).")
    String username;

    @Option(names = "-p", paramLabel = "password", description = "Password (asked when missing).")
    String password;

    /** A session to {@code a}'s server, logged in; closed again if the login fails. */
    NutSession open(ClientOptions connection, UpsAddress a) throws IOException {
        Authentication.Login login = Authentication.resolve(username, password);
        NutSession s = connection.open(a.host(), a.port());
        try {
            s.authenticate(login.username(), login.password());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
