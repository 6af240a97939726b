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
        DemoSite.Prepared demo = null;
        try {
            if (config != null) {
                c = ConfigLoader.load(config, dataDir);
            } else {
                demo = DemoSite.prepare((dataDir != null ? dataDir : Path.of("gridwatch-data")).toAbsolutePath());
                c = demo.config();
            }
        } catch (ConfigException e) {
            Banner.problems(err, config != null ? config : Path.of("demo"), e);
            return 2;
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
        print(out, c, app, demo);
        stopped.await();
        return 0;
    }

    private static void print(PrintWriter out, GridwatchConfig c, ServerApp app, DemoSite.Prepared demo) {
        out.println("Gridwatch " + Version.current() + (demo != null ? " - demo site (no --config given)" : ""));
        out.println("  NUT server:  " + Banner.addresses(app.nutServer().boundAddresses()) + "   UPS: "
                + String.join(", ", app.hub().names().stream().map(Object::toString).toList()));
        out.println("  Dashboard:   " + (c.http().https() ? "https://" : "http://")
                + Banner.address(app.http().boundAddress()) + "/");
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
