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
    private final io.gridwatch.guard.LoginGuard guard;

    /** Without a guard (tests of the protocol alone). */
    public UserDb(Collection<NutUser> users) {
        this(users, null);
    }

    /** @param guard slows down guessing; shared with the HTTP side (null: none) */
    public UserDb(Collection<NutUser> users, io.gridwatch.guard.LoginGuard guard) {
        this.guard = guard;
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

    /** {@link #allows} for a session: its credentials pass the guard (see {@link #checked}). */
    boolean allows(SessionState s, NutUser.Action action) {
        NutUser u = checked(s);
        return u != null && u.effectiveActions().contains(action);
    }

    boolean allowsCommand(SessionState s, String command) {
        NutUser u = checked(s);
        return u != null && u.mayRun(command);
    }

    /**
     * The session's user if its credentials are right. The first check of a session's credentials passes the
     * guard: while its address or user name is locked after repeated failures, it fails without the password being
     * looked at, and each failure counts. Once a session's credentials were right, later checks on it skip the
     * guard, so a client already logged in (an upsmon primary about to set FSD) is never locked out by someone
     * guessing from the same address.
     */
    private NutUser checked(SessionState s) {
        if (s.username() == null || s.password() == null) {
            return null;
        }
        if (guard == null || s.verified()) {
            return authenticate(s.username(), s.password());
        }
        if (guard.wait(s.address(), s.username()).isPresent()) {
            return null;
        }
        NutUser u = authenticate(s.username(), s.password());
        if (u == null) {
            guard.failed("NUT", s.address(), s.username());
        } else {
            guard.succeeded(s.address(), s.username());
            s.verified(true);
        }
        return u;
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
