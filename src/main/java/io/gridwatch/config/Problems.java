package io.gridwatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a configuration, so that all are reported at once. Not thread-safe. */
public final class Problems {
    private final Path file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(Path file) {
        this.file = file;
    }

    public void add(int line, String path, String message) {
        list.add(new Problem(file, line, path, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** In file order. */
    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return sorted;
    }

    public Path file() {
        return file;
    }
}
