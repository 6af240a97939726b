package io.gridwatch.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The NUT users and upsd's permission checks ({@code user_checkaction}, {@code user_checkinstcmd}): an action
 * needs a known user name, the right password (compared in constant time) and the right. As in upsd, user
 * names are case-sensitive and a wrong password looks exactly like a missing right. The set of users is
 * replaced whole when the configuration changes (sessions already logged in keep their user name; each later
 * check uses the new set). Thread-safe.
 */
public final class UserDb {
    private volatile Map<String, NutUser> users;

    public UserDb(Collection<NutUser> users) {
        replace(users);
    }

    /** Takes a new set of users, for every later check. */
    public void replace(Collection<NutUser> newUsers) {
        this.users = newUsers.stream().collect(Collectors.toUnmodifiableMap(NutUser::name, Function.identity()));
    }

    public boolean allows(String username, String password, NutUser.Action action) {
        NutUser u = authenticate(username, password);
        return u != null && u.effectiveActions().contains(action);
    }

    public boolean allowsCommand(String username, String password, String command) {
        NutUser u = authenticate(username, password);
        return u != null && u.mayRun(command);
    }

    public List<NutUser> all() {
        return List.copyOf(users.values());
    }

    private NutUser authenticate(String username, String password) {
        if (username == null || password == null) {
            return null;
        }
        NutUser u = users.get(username);
        if (u == null) {
            return null;
        }
        boolean same = MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return same ? u : null;
    }
}
