package io.gridwatch.api;

import io.gridwatch.api.auth.Role;
import io.gridwatch.api.auth.Scope;
import io.gridwatch.api.auth.Sessions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: a logged-in user (with the session, for CSRF checks) or an API token, and what they may do.
 * Immutable.
 */
public record Principal(String name, Kind kind, Role role, Set<Access> grants, Sessions.Session session) {

    /** How the caller authenticated. */
    public enum Kind { USER, TOKEN }

    public static Principal user(String name, Role role, Sessions.Session session) {
        Set<Access> g = role == Role.ADMIN ? EnumSet.of(Access.READ, Access.CONTROL, Access.ADMIN, Access.CLIENT)
                : EnumSet.of(Access.READ);
        return new Principal(name, Kind.USER, role, Set.copyOf(g), session);
    }

    public static Principal token(String name, Set<Scope> scopes) {
        EnumSet<Access> g = EnumSet.noneOf(Access.class);
        for (Scope s : scopes) {
            switch (s) {
                case READ -> g.add(Access.READ);
                case CONTROL -> g.addAll(EnumSet.of(Access.READ, Access.CONTROL));
                case ADMIN -> g.addAll(EnumSet.of(Access.READ, Access.CONTROL, Access.ADMIN, Access.CLIENT));
                case CLIENT -> g.add(Access.CLIENT);
            }
        }
        return new Principal("token:" + name, Kind.TOKEN, null, Set.copyOf(g), null);
    }

    public boolean may(Access access) {
        return access == Access.PUBLIC || grants.contains(access);
    }
}
