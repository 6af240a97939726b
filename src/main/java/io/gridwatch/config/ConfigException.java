package io.gridwatch.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration was refused; {@link #problems()} lists everything wrong with it, in file order. */
public final class ConfigException extends Exception {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
