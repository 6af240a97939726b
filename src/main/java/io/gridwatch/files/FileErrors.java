package io.gridwatch.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Turns a file system error into a sentence that names its cause: Java's own messages are often the path alone
 * ({@code /var/lib/gridwatch/auth.json}), which tells an operator nothing. For a refused access it says who owns
 * the file, its mode, and which user this process runs as. Stateless.
 */
public final class FileErrors {
    private FileErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied" + ownership(a.getFile());
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException x) {
            return x.getFile() + " already exists";
        }
        if (e instanceof NotDirectoryException d) {
            return d.getFile() + " is not a folder";
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            return (f.getFile() == null ? "" : f.getFile() + ": ") + (reason == null ? "file system error" : reason);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** " (owner gridwatch:gridwatch, mode rw-------; this process runs as root)", or "" when unknown. */
    static String ownership(String file) {
        if (file == null) {
            return "";
        }
        Path p = Path.of(file);
        StringBuilder sb = new StringBuilder(" (");
        try {
            Path shown = Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : p.getParent();
            PosixFileAttributes a = Files.readAttributes(shown, PosixFileAttributes.class);
            sb.append(shown.equals(p) ? "" : "in " + shown + ": ").append("owner ").append(a.owner().getName())
                    .append(':').append(a.group().getName()).append(", mode ")
                    .append(PosixFilePermissions.toString(a.permissions())).append("; ");
        } catch (IOException | UnsupportedOperationException | NullPointerException x) {
            // the attributes cannot be read either: say who we are at least
        }
        return sb.append("this process runs as ").append(System.getProperty("user.name")).append(')').toString();
    }
}
