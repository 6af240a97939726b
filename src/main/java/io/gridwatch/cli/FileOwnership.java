package io.gridwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The owner, group and mode of a file (or of the folder a new file goes into), put back after the file was
 * replaced by a command run as another user (root, usually), so that the service user can still read it.
 * Immutable.
 */
record FileOwnership(UserPrincipal ownerPrincipal, GroupPrincipal group, Set<PosixFilePermission> mode, boolean folder) {
    static FileOwnership of(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
        return new FileOwnership(a.owner(), a.group(), a.permissions(), a.isDirectory());
    }

    String owner() {
        return ownerPrincipal.getName();
    }

    /** Whether this process may replace {@code file}: root may, the owner may. */
    boolean writableByMe(Path file) {
        String me = System.getProperty("user.name");
        return "root".equals(me) || owner().equals(me) || Files.isWritable(file.getParent());
    }

    /** Gives {@code file} back its owner and group (when root) and its mode (a new file: owner-only, as made). */
    void restore(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if ("root".equals(System.getProperty("user.name"))) {
            v.setOwner(ownerPrincipal);
            v.setGroup(group);
        }
        if (!folder) {
            v.setPermissions(mode);
        }
    }
}
