package io.gridwatch.api;

import io.gridwatch.api.auth.Role;
import io.gridwatch.api.auth.Scope;
import io.gridwatch.api.auth.Sessions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: a logged-in user (with the session, for CSRF checks) or an API token, and what they may do:
 * a token's grants are its scopes cut down to what its owner's role allows now, and a client token may be
 * limited to some protected machines ({@code hosts}, empty: any). {@code owner}: the user whose authority this is.
 * Immutable.
 */
public record Principal(String name, Kind kind, Role role, Set<Access> grants, Sessions.Session session,
                        Set<String> hosts, String owner) {

    /** How the caller authenticated. */
    public enum Kind { USER, TOKEN }

    public static Principal user(String name, Role role, Sessions.Session session) {
        Set<Access> g = role == Role.ADMIN ? EnumSet.of(Access.READ, Access.CONTROL, Access.ADMIN, Access.CLIENT)
                : EnumSet.of(Access.READ);
        return new Principal(name, Kind.USER, role, Set.copyOf(g), session, Set.of(), name);
    }

    /** A token whose owner has {@code ownerRole} now: it may do what its scopes say and its owner may still do. */
    public static Principal token(String name, Set<Scope> scopes, String owner, Role ownerRole, Set<String> hosts) {
        Principal p = token(name, scopes);
        Set<Access> allowed = ownerRole == null ? Set.of() : user(name, ownerRole, null).grants();
        EnumSet<Access> g = EnumSet.noneOf(Access.class);
        p.grants().stream().filter(allowed::contains).forEach(g::add);
        return new Principal(p.name(), Kind.TOKEN, null, Set.copyOf(g), null, Set.copyOf(hosts), owner);
    }

    static Principal token(String name, Set<Scope> scopes) {
        EnumSet<Access> g = EnumSet.noneOf(Access.class);
        for (Scope s : scopes) {
            switch (s) {
                case READ -> g.add(Access.READ);
                case CONTROL -> g.addAll(EnumSet.of(Access.READ, Access.CONTROL));
                case ADMIN -> g.addAll(EnumSet.of(Access.READ, Access.CONTROL, Access.ADMIN, Access.CLIENT));
                case CLIENT -> g.add(Access.CLIENT);
            }
        }
        return new Principal("token:" + name, Kind.TOKEN, null, Set.copyOf(g), null, Set.of(), null);
    }

    public boolean may(Access access) {
        return access == Access.PUBLIC || grants.contains(access);
    }

    /** Whether this caller may report or read settings for the protected machine {@code host}. */
    public boolean mayActFor(String host) {
        return hosts.isEmpty() || hosts.stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }
}
