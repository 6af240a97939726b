package io.gridwatch.testing;

import io.gridwatch.driver.Driver;
import io.gridwatch.driver.DriverRunner;
import io.gridwatch.hub.Availability;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.server.VarDescriptions;
import io.gridwatch.server.LoginRegistry;
import io.gridwatch.server.NutServer;
import io.gridwatch.server.NutServerSettings;
import io.gridwatch.server.NutUser;
import io.gridwatch.server.ServerContext;
import io.gridwatch.server.TrackingTable;
import io.gridwatch.server.UserDb;
import io.gridwatch.time.SystemScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Hub, driver runners and NUT server wired by hand, for tests that plug in their own {@link Driver}s or
 * settings that a config file does not reach. Port 0 on loopback.
 */
public final class ComposedServer implements AutoCloseable {
    public final UpsHub hub;
    public final NutServer nut;
    public final LoginRegistry logins = new LoginRegistry();
    private final SystemScheduler scheduler;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ComposedServer(Map<UpsName, Driver> drivers, Map<UpsName, String> descriptions, List<NutUser> users,
                          String serverInfo, SSLContext tls, int maxConnections, Duration idleTimeout)
            throws Exception {
        Clock clock = Clock.systemUTC();
        scheduler = new SystemScheduler(clock, 1);
        hub = new UpsHub(clock, Duration.ofSeconds(15), null);
        for (Map.Entry<UpsName, Driver> d : drivers.entrySet()) {
            ExecutorService serial = Executors.newSingleThreadExecutor();
            DriverRunner runner = new DriverRunner(d.getKey(), d.getValue(), hub, scheduler, serial);
            hub.register(d.getKey(), descriptions.get(d.getKey()), runner);
            runner.start();
            closeables.add(runner);
            closeables.add(serial::shutdownNow);
        }
        ServerContext ctx = new ServerContext(hub, new UserDb(users), logins, new TrackingTable(clock, 1000),
                VarDescriptions.load(VarDescriptions.NUT_CMDVARTAB), serverInfo, ServerContext.NUT_VERSION, tls != null);
        nut = new NutServer(new NutServerSettings(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                maxConnections, idleTimeout, 2, 1024), ctx, tls, clock);
        nut.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (UpsName n : drivers.keySet()) {
            while (hub.availability(hub.snapshot(n)) != Availability.OK && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    public int port() {
        return nut.boundAddresses().get(0).getPort();
    }

    @Override
    public void close() throws Exception {
        nut.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
        scheduler.close();
        hub.close();
    }
}
