package io.gridwatch.hub;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a driver knows about its UPS: the variables and the instant commands. Both are kept in upsd's order
 * (case-insensitive, as {@code strcasecmp}) and looked up without regard to case. Immutable; build one
 * with {@link #builder()}.
 */
public final class DeviceState {
    public static final DeviceState EMPTY = builder().build();

    private final NavigableMap<String, Variable> vars;
    private final Map<String, Variable> byLowerCaseName;
    private final NavigableSet<String> commands;

    private DeviceState(NavigableMap<String, Variable> vars, NavigableSet<String> commands) {
        this.vars = Collections.unmodifiableNavigableMap(vars);
        this.commands = Collections.unmodifiableNavigableSet(commands);
        Map<String, Variable> index = new HashMap<>(vars.size() * 2);
        vars.values().forEach(v -> index.put(v.name().toLowerCase(Locale.ROOT), v));
        this.byLowerCaseName = index;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.vars.putAll(vars);
        b.commands.addAll(commands);
        return b;
    }

    public Optional<Variable> variable(String name) {
        return Optional.ofNullable(get(name));
    }

    /** The value of a variable, or null. */
    public String value(String name) {
        Variable v = get(name);
        return v == null ? null : v.value();
    }

    /** Case-insensitive lookup through a hash index (the hot path of GET VAR). */
    private Variable get(String name) {
        return byLowerCaseName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<Variable> variables() {
        return vars.values();
    }

    public NavigableSet<String> commands() {
        return commands;
    }

    public boolean hasCommand(String name) {
        return commands.contains(name);
    }

    public UpsStatus status() {
        return UpsStatus.parse(value(KnownVar.UPS_STATUS.varName()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceState other && other.vars.equals(vars) && other.commands.equals(commands);
    }

    @Override
    public int hashCode() {
        return vars.hashCode() * 31 + commands.hashCode();
    }

    @Override
    public String toString() {
        return "DeviceState" + vars.values() + " commands=" + commands;
    }

    /** Collects variables and commands; not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, Variable> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final TreeSet<String> commands = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

        public Builder put(Variable v) {
            vars.put(v.name(), v);
            return this;
        }

        /** Sets a value, keeping the flags of a variable already there (read-only number otherwise). */
        public Builder set(String name, String value) {
            Variable old = vars.get(name);
            vars.put(name, old == null ? Variable.readOnly(name, value) : old.withValue(value));
            return this;
        }

        public Builder remove(String name) {
            vars.remove(name);
            return this;
        }

        public Builder command(String name) {
            commands.add(name);
            return this;
        }

        public Builder commands(List<String> names) {
            commands.addAll(names);
            return this;
        }

        public Optional<Variable> get(String name) {
            return Optional.ofNullable(vars.get(name));
        }

        public DeviceState build() {
            return new DeviceState(new TreeMap<>(vars), new TreeSet<>(commands));
        }
    }
}
