package io.gridwatch.config;

import java.nio.file.Path;

/**
 * One thing wrong with a configuration: where (file, line, key path) and what. Printed as
 * {@code file:line: path: message}. Immutable.
 */
public record Problem(Path file, int line, String path, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<config>" : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
