package io.gridwatch.cli;

import io.gridwatch.app.Credentials;
import io.gridwatch.app.DemoSite;
import io.gridwatch.app.ServerApp;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** What {@code gridwatch server} does: loads the file (or prepares the demo), starts, prints, waits. */
final class ServerRun {
    private ServerRun() {
    }

    /** @param dataDir the data folder from outside (--data-dir, GRIDWATCH_DATA_DIR), or null: the file's */
    static int run(Path config, Path dataDir, PrintWriter out, PrintWriter err) throws Exception {
        GridwatchConfig c;
        java.util.Map<String, String> generated = java.util.Map.of();
        DemoSite.Prepared demo = null;
        try {
            if (config != null) {
                c = ConfigLoader.load(config, dataDir);
                generated = generatePasswords(c);
                if (!generated.isEmpty()) {
                    c = ConfigLoader.load(config, dataDir);
                }
            } else {
                demo = DemoSite.prepare((dataDir != null ? dataDir : Path.of("gridwatch-data")).toAbsolutePath());
                c = demo.config();
            }
        } catch (ConfigException e) {
            Banner.problems(err, config != null ? config : Path.of("demo"), e);
            return 2;
        } catch (IOException e) {
            err.println("Error: the server cannot start: " + io.gridwatch.files.FileErrors.describe(e));
            return 1;
        }
        ServerApp app;
        try {
            app = ServerApp.start(c, Clock.systemUTC());
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println("Error: the server cannot start: " + io.gridwatch.files.FileErrors.describe(cause));
            if (demo != null) {
                demo.close();
            }
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoSite.Prepared demoSite = demo;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            if (demoSite != null) {
                demoSite.close();
            }
            stopped.countDown();
        }, "shutdown"));
        print(out, c, app, demo, generated);
        stopped.await();
        return 0;
    }

    private static void print(PrintWriter out, GridwatchConfig c, ServerApp app, DemoSite.Prepared demo,
                              java.util.Map<String, String> generated) {
        out.println("Gridwatch " + Version.current() + (demo != null ? " - demo site (no --config given)" : ""));
        out.println("  NUT server:  " + Banner.addresses(app.nutServer().boundAddresses()) + "   UPS: "
                + String.join(", ", app.hub().names().stream().map(Object::toString).toList()));
        InetSocketAddress web = app.http().boundAddress();
        out.println("  Dashboard:   " + (c.http().https() ? "https://" : "http://") + Banner.address(web) + "/"
                + (web.getAddress().isLoopbackAddress() ? "   (this machine only: set http.listen, with http.tls, "
                + "to reach it from the LAN)" : ""));
        if (!c.http().https() && !web.getAddress().isLoopbackAddress()) {
            out.println("  Warning:     the dashboard is plain HTTP beyond this machine: passwords cross the network "
                    + "in clear; set http.tls (certificate and key)");
        }
        for (var g : generated.entrySet()) {
            out.println("  NUT user:    " + g.getKey() + " / " + g.getValue());
        }
        out.println("  Data folder: " + c.dataDir());
        if (app.initialAdminPassword() != null) {
            out.println("  Dashboard login (shown once, kept only as a hash): admin / " + app.initialAdminPassword());
            out.println("               lost it? stop the server and run: gridwatch passwd admin --data-dir " + c.dataDir());
        }
        if (demo != null) {
            printDemo(out, app, demo);
        }
        out.println("Press Ctrl+C to stop.");
    }

    /**
     * NUT users whose password_file does not exist yet get a new password in it (owner-only), returned by user
     * name to be printed once; a file that cannot be written stops the start with its cause.
     */
    static java.util.Map<String, String> generatePasswords(GridwatchConfig c) throws IOException {
        java.util.Map<String, String> made = new java.util.LinkedHashMap<>();
        for (var e : c.nut().passwordsToGenerate().entrySet()) {
            String pw = Credentials.generate(24);
            java.nio.file.Files.createDirectories(e.getValue().toAbsolutePath().getParent());
            io.gridwatch.files.AtomicFile.write(e.getValue(), (pw + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    true);
            made.put(e.getKey(), pw + "   (generated into " + e.getValue() + "; shown once)");
        }
        return made;
    }

    private static void printDemo(PrintWriter out, ServerApp app, DemoSite.Prepared demo) {
        Credentials cr = demo.credentials();
        if (cr.isNew()) {
            out.println("  Generated credentials (shown once; kept in " + cr.file() + "):");
            out.println("    NUT admin:   admin / " + cr.get(Credentials.NUT_ADMIN) + "   (SET, FSD, all instant commands)");
            out.println("    NUT upsmon:  monuser / " + cr.get(Credentials.NUT_MONUSER) + "   (upsmon primary)");
        } else {
            out.println("  Credentials: in " + cr.file());
        }
        InetSocketAddress nut = app.nutServer().boundAddresses().get(0);
        for (String note : demo.notes()) {
            out.println("  Note:        " + note);
        }
        out.println("  Config used: " + demo.configFile() + " (your edits are kept across restarts)");
        out.println("  Try:         gridwatch upsc demo@" + Banner.address(nut));
        out.println("  Outage:      'gridwatch demo grid off' cuts UPS grid's sentinels ('on' restores them);");
        out.println("               or set 'ups.status: OB DISCHRG' for UPS demo in " + demo.devFile());
        out.println("  Drill:       gridwatch drill start grid@" + Banner.address(nut) + " -u admin -p <password>");
    }
}
