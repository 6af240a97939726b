package io.gridwatch.api;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files (HTML, CSS, JavaScript, the icon; about 330 kB in all), read from the jar when first
 * asked for and then served from memory with an ETag ({@code If-None-Match} gets 304) and {@code Cache-Control:
 * no-cache}, so a browser revalidates and an upgrade is seen at once. In place of Jetty's resource handler, which
 * mounts the whole jar as a zip file system to serve them: an index of its 66 000 entries, 20 MB of heap and a
 * tenth of a second of start-up, for a few dozen files. Only files of the kinds a page uses that exist are kept
 * (a request for a made-up path costs a look-up, never memory); a path with {@code ..}, a backslash or an empty
 * segment is refused unread. Thread-safe.
 */
final class DashboardFiles {
    private static final String ROOT = "/io/gridwatch/web";
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "png", "image/png");

    private record File(byte[] body, String type, String etag) {
    }

    private final Map<String, File> files = new ConcurrentHashMap<>();

    void serve(Context ctx) throws IOException {
        String path = ctx.path();
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        File f = files.get(path);
        if (f == null) {
            f = load(path);
            if (f == null) {
                throw new NotFoundResponse();
            }
            files.putIfAbsent(path, f);
        }
        ctx.header("Cache-Control", "no-cache").header("ETag", f.etag());
        String match = ctx.header("If-None-Match");
        if (match != null && (match.equals(f.etag()) || match.equals("W/" + f.etag()))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(f.type()).result(f.body());
    }

    private static File load(String path) throws IOException {
        if (!SAFE.matcher(path).matches() || path.contains("..")) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String type = name.contains(".") ? TYPES.get(name.substring(name.lastIndexOf('.') + 1)) : null;
        if (type == null) {
            return null; // only the kinds of file a page uses (not a folder, not the vendor's licence text)
        }
        try (InputStream in = DashboardFiles.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            return new File(body, type, etag(body));
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
