package io.gridwatch.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A NUT user, as in upsd.users: password, allowed actions, allowed instant commands and upsmon role. A primary
 * upsmon may LOGIN, claim PRIMARY and set FSD; a secondary may LOGIN. Immutable.
 *
 * @param instcmds lower-case command names, or {@code all}
 */
public record NutUser(String name, String password, Set<Action> actions, Set<String> instcmds, Role role) {

    /** What upsd.users calls actions (plus the ones an upsmon role grants). */
    public enum Action { SET, FSD, LOGIN, PRIMARY }

    /** upsmon primary / secondary, or none. */
    public enum Role { NONE, PRIMARY, SECONDARY }

    public NutUser {
        actions = Set.copyOf(actions);
        instcmds = Set.copyOf(instcmds);
    }

    /** Actions granted directly or by the upsmon role. */
    public Set<Action> effectiveActions() {
        EnumSet<Action> all = actions.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(actions);
        switch (role) {
            case PRIMARY -> all.addAll(EnumSet.of(Action.LOGIN, Action.PRIMARY, Action.FSD));
            case SECONDARY -> all.add(Action.LOGIN);
            case NONE -> { }
        }
        return all;
    }

    public boolean mayRun(String command) {
        return instcmds.contains("all") || instcmds.contains(command.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "NutUser[" + name + ", actions=" + actions + ", instcmds=" + instcmds + ", role=" + role + "]";
    }
}
