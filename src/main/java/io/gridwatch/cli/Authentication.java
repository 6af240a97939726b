package io.gridwatch.cli;

import java.io.Console;
import java.io.IOException;

/**
 * Username and password for upscmd/upsrw: from options, else asked on the terminal as NUT's tools ask
 * ("Username (root): ", "Password: "), never echoed. Stateless.
 */
final class Authentication {
    private Authentication() {
    }

    record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + ", ****]";
        }
    }

    static Login resolve(String username, String password) throws IOException {
        Console console = System.console();
        String user = username;
        if (user == null) {
            if (console == null) {
                throw new IOException("a user name is needed: give -u <username>");
            }
            String me = System.getProperty("user.name", "");
            user = console.readLine("Username (%s): ", me);
            if (user == null || user.isBlank()) {
                user = me;
            }
        }
        String pass = password;
        if (pass == null) {
            if (console == null) {
                throw new IOException("a password is needed: give -p <password>");
            }
            char[] pw = console.readPassword("Password: ");
            pass = pw == null ? "" : new String(pw);
        }
        return new Login(user, pass);
    }
}
