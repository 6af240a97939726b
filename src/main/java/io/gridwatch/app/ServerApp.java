package io.gridwatch.app;

import io.gridwatch.api.HttpApi;
import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.PasswordHash;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.NutConfig;
import io.gridwatch.config.UpsConfig;
import io.gridwatch.config.Version;
import io.gridwatch.driver.Driver;
import io.gridwatch.driver.DriverRunner;
import io.gridwatch.driver.dummy.DummyDriver;
import io.gridwatch.driver.mains.MainsDriver;
import io.gridwatch.driver.mains.MainsSettings;
import io.gridwatch.hub.ClientTracker;
import io.gridwatch.hub.EventJournal;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.power.HubStatePersistence;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.probe.IcmpProbe;
import io.gridwatch.recovery.RecoveryPlanner;
import io.gridwatch.recovery.WakeSender;
import io.gridwatch.server.LoginRegistry;
import io.gridwatch.server.NutServer;
import io.gridwatch.server.NutServerSettings;
import io.gridwatch.server.NutUser;
import io.gridwatch.server.PemTls;
import io.gridwatch.server.ServerContext;
import io.gridwatch.server.TrackingTable;
import io.gridwatch.server.UserDb;
import io.gridwatch.server.VarDescriptions;
import io.gridwatch.time.SystemScheduler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component of the server with {@code new}, starts them in order (hub,
 * drivers, power services, NUT listener, HTTP side) and stops them in reverse. If anything fails to start (a
 * port that cannot be bound, an unreadable certificate), what was already started is stopped and the error
 * goes up. The site services (recovery, schedules) and the NUT users can be replaced while running.
 */
public final class ServerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
    /** Events kept in memory for the API and dashboard. */
    static final int JOURNAL = 2_000;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<UpsName, DriverRunner> runners = new LinkedHashMap<>();
    private final Clock clock;
    private SystemScheduler scheduler;
    private UpsHub hub;
    private ClientTracker clients;
    private EventJournal journal;
    private PowerStateStore store;
    private io.gridwatch.recovery.RecoveryStore wakes;
    private ExecutorService probes;
    private Probes probeFactory;
    private volatile SiteServices services;
    private UserDb nutUsers;
    private LoginRegistry logins;
    private NutServer nut;
    private SiteRuntime site;
    private HttpApi http;
    private String initialAdminPassword;

    private ServerApp(Clock clock) {
        this.clock = clock;
        this.guard = new io.gridwatch.guard.LoginGuard(clock);
    }

    /** Builds and starts everything, or nothing. */
    public static ServerApp start(GridwatchConfig config, Clock clock) throws IOException {
        return start(config, clock, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** As {@link #start(GridwatchConfig, Clock)}, hashing new passwords with {@code iterations} PBKDF2 rounds. */
    public static ServerApp start(GridwatchConfig config, Clock clock, int iterations) throws IOException {
        if (!config.nut().passwordsToGenerate().isEmpty()) {
            var e = config.nut().passwordsToGenerate().entrySet().iterator().next();
            throw new IOException("NUT user " + e.getKey() + " has no password yet: its password_file " + e.getValue()
                    + " does not exist ('gridwatch server' generates it on start)");
        }
        ServerApp app = new ServerApp(clock);
        try {
            io.gridwatch.files.DataFolder.prepare(config.dataDir());
            app.startCore(config);
            app.startHistory(config.history(), config.dataDir());
            app.startNut(config.nut());
            if (config.powmonman().enabled()) {
                app.powmonman = app.push(io.gridwatch.powmonman.PowMonManServer.start(app.hub, config.powmonman()));
            }
            app.startHttp(config, iterations);
            app.startNotify(config);
            app.advertise(config);
            return app;
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private io.gridwatch.powmonman.PowMonManServer powmonman;

    /** The PowMonMan protocol server, or null when {@code powmonman:} is not configured. */
    public io.gridwatch.powmonman.PowMonManServer powmonman() {
        return powmonman;
    }

    private void startCore(GridwatchConfig config) {
        NutConfig n = config.nut();
        scheduler = push(new SystemScheduler(clock, 2));
        hub = push(new UpsHub(clock, n.maxAge(), n.fsdRelease()));
        push(new EventLog(hub));
        journal = push(new EventJournal(JOURNAL));
        journal.follow(hub);
        clients = push(new ClientTracker(hub, new ClientFile(config.dataDir().resolve("clients.json"))));
        io.gridwatch.time.Scheduler.Cancellable clientSaves = scheduler.repeat(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(5), clients::flush);
        started.push(clientSaves::cancel);
        store = PowerStateStore.open(config.dataDir().resolve("power-state.json"));
        wakes = io.gridwatch.recovery.RecoveryStore.open(config.dataDir().resolve("recovery-state.json"));
        // Platform threads: an ICMP echo blocks in native code, which would pin a virtual thread's carrier and
        // make the other probes (and the drivers) wait behind it on a small machine. At most one probe per
        // sensor or host is ever in flight, so the pool stays as small as the site.
        ExecutorService pool = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("probe-", 0).factory());
        probes = pool;
        started.push(pool::shutdownNow);
        probeFactory = new Probes(IcmpProbe.detect());
        for (UpsConfig ups : config.ups()) {
            ExecutorService serial = Executors.newSingleThreadExecutor(
                    Thread.ofVirtual().name("driver-" + ups.name()).factory());
            started.push(serial::shutdown);
            DriverRunner runner = push(new DriverRunner(ups.name(), driver(ups), hub, scheduler, serial));
            hub.register(ups.name(), ups.description(), runner, ups.driver() instanceof UpsConfig.Mains);
            runners.put(ups.name(), runner);
        }
        HubStatePersistence drills = push(new HubStatePersistence(hub, store));
        drills.start();
        runners.values().forEach(DriverRunner::start);
        services = SiteServices.start(config, hub, scheduler, probes, store, wakes, probeFactory, clock,
                WakeSender.udp());
        started.push(() -> services.close());
    }

    private io.gridwatch.history.HistoryStore historyStore;
    private io.gridwatch.history.HistoryWriter historyWriter;
    private io.gridwatch.history.EventArchiver eventArchiver;
    private boolean historyClosed;
    private volatile String historyOpenFailure;
    private Thread historyOpener;

    /** Opens history in the background: a slow or absent database never holds up the server's start. */
    private void startHistory(io.gridwatch.history.HistorySettings h, java.nio.file.Path dataDir) {
        if (!h.enabled()) {
            return;
        }
        started.push(this::closeHistory);
        historyOpener = Thread.ofVirtual().name("history-open").start(() -> {
            try {
                io.gridwatch.history.HistoryStore s = io.gridwatch.history.HistoryStore.open(h.url(), h.user(),
                        h.password());
                synchronized (this) {
                    if (historyClosed) {
                        s.close();
                        return;
                    }
                    historyStore = s;
                    historyWriter = new io.gridwatch.history.HistoryWriter(s, h, hub, scheduler, clock);
                    eventArchiver = new io.gridwatch.history.EventArchiver(s, journal, scheduler,
                            dataDir.resolve("events-ahead.jsonl"));
                }
                LOG.info("history: {} (a sample every {} s)", h, h.interval().toSeconds());
            } catch (java.sql.SQLException | RuntimeException e) {
                historyOpenFailure = e.getMessage();
                LOG.warn("history: cannot open {}: {}; running without history", h, e.getMessage());
            }
        });
    }

    private void closeHistory() {
        synchronized (this) {
            historyClosed = true;
        }
        // an open still in progress finishes first (and closes what it opened): nothing writes after close
        try {
            historyOpener.join(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeHistoryParts();
        }
    }

    private void closeHistoryParts() {
        if (historyWriter != null) {
            historyWriter.close();
        }
        if (eventArchiver != null) {
            eventArchiver.close();
        }
        if (historyStore != null) {
            historyStore.close();
        }
    }

    /** What works only in part now (for readiness): history or the event archive failing. */
    synchronized java.util.List<String> degraded() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (historyOpenFailure != null) {
            out.add("history cannot be opened: " + historyOpenFailure);
        }
        if (historyWriter != null && historyWriter.failure() != null) {
            out.add("history cannot write: " + historyWriter.failure());
        }
        if (eventArchiver != null && eventArchiver.failing()) {
            out.add("the event archive cannot write (" + eventArchiver.queued() + " events wait)");
        }
        return out;
    }

    /** Liveness and readiness, checked when asked. */
    Health health() {
        return health;
    }

    private final Health health = new Health(() -> nut, this::degraded);
    /** One login guard for NUT and HTTP: an address cannot split its guesses between them. */
    private final io.gridwatch.guard.LoginGuard guard;

    /** The event archive, once history is open. */
    public synchronized java.util.Optional<io.gridwatch.history.EventArchiver> eventArchiver() {
        return java.util.Optional.ofNullable(eventArchiver);
    }

    /** The history store, once open (empty while opening, when disabled, or when it could not be opened). */
    public synchronized java.util.Optional<io.gridwatch.history.HistoryStore> history() {
        return java.util.Optional.ofNullable(historyStore);
    }

    private void startNut(NutConfig n) throws IOException {
        logins = new LoginRegistry();
        nutUsers = new UserDb(n.users(), guard);
        SSLContext tls = n.tls() == null ? null : PemTls.load(n.tls().certificate(), n.tls().key());
        ServerContext ctx = new ServerContext(hub, nutUsers, logins, new TrackingTable(clock, 100_000),
                VarDescriptions.load(n.cmdvartab()), n.serverInfo(), ServerContext.NUT_VERSION, tls != null);
        nut = push(new NutServer(new NutServerSettings(n.listen(), n.maxConnections(), n.idleTimeout(),
                n.eventLoops(), n.backlog()), ctx, tls, clock));
        nut.start();
    }

    private void advertise(GridwatchConfig config) {
        Boolean on = config.nut().advertise();
        List<java.net.InetSocketAddress> bound = nut.boundAddresses();
        if (on == null ? Advertiser.beyondLoopback(bound) : on) {
            push(new Advertiser(bound, http.boundAddress().getPort()));
        }
    }

    private void startHttp(GridwatchConfig config, int iterations) throws IOException {
        AuthStore.Opened auth = AuthStore.open(config.dataDir().resolve("auth.json"), iterations, clock);
        initialAdminPassword = auth.initialAdminPassword();
        site = new SiteRuntime(this, config, clock);
        io.gridwatch.hub.StaleClients stale = new io.gridwatch.hub.StaleClients(hub, clients, clock,
                () -> site.config().http().staleAfter(), () -> site.config().http().offlineAfter());
        io.gridwatch.time.Scheduler.Cancellable staleChecks = scheduler.repeat(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10), stale::check);
        started.push(staleChecks::cancel);
        SSLContext tls = config.http().tls() == null ? null
                : PemTls.load(config.http().tls().certificate(), config.http().tls().key());
        http = push(new HttpApi(site, auth.store(), config.http(), tls, clock, scheduler, guard));
        http.start();
        writeHealthUrl(config.dataDir(), tls != null);
    }

    /** The file a container's HEALTHCHECK reads: where this server's /healthz answers (see {@link #HEALTH_URL}). */
    public static final String HEALTH_URL = "healthz.url";

    /**
     * Writes {@code healthz.url} into the data folder: the bound address's /healthz, a wildcard address replaced
     * by loopback of its family, so that a health check follows http.listen whatever port the file gives.
     */
    private void writeHealthUrl(java.nio.file.Path dataDir, boolean https) {
        java.net.InetSocketAddress a = http.boundAddress();
        java.net.InetAddress host = a.getAddress();
        if (host.isAnyLocalAddress()) {
            host = java.net.InetAddress.getLoopbackAddress(); // a wildcard listener takes loopback too
        }
        String h = host instanceof java.net.Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        String url = (https ? "https" : "http") + "://" + h + ":" + a.getPort() + "/healthz\n";
        try {
            io.gridwatch.files.AtomicFile.write(dataDir.resolve(HEALTH_URL),
                    url.getBytes(java.nio.charset.StandardCharsets.US_ASCII), true); // the health check runs as us
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", dataDir.resolve(HEALTH_URL), io.gridwatch.files.FileErrors.describe(e));
        }
    }

    private io.gridwatch.notify.Notifier notifier;

    private void startNotify(GridwatchConfig config) throws IOException {
        notifier = push(new io.gridwatch.notify.Notifier(config.notifications(), new io.gridwatch.notify.Notifier.Context(
                hub, clients, clock, () -> site.config().site().zone(), config.dataDir(), scheduler, this::report)));
        notifier.start();
    }

    /** One UPS's scheduled report page, from history (which must be open). */
    private String report(String ups, io.gridwatch.history.Report.Span span, java.time.Instant now)
            throws java.sql.SQLException {
        io.gridwatch.history.HistoryStore store = history().orElseThrow(
                () -> new IllegalStateException("history is not open (disabled, starting or failed)"));
        GridwatchConfig c = site.config();
        return io.gridwatch.history.Report.html(store, io.gridwatch.history.Report.Subject.of(
                hub.find(ups).orElseThrow(() -> new IllegalStateException("no UPS " + ups))), span, now,
                c.site().zone(), c.history().interval(), c.energy());
    }

    /** Notifications: the outbox, channels, "send test". */
    public io.gridwatch.notify.Notifier notifier() {
        return notifier;
    }

    void reloadNotify(io.gridwatch.notify.NotifySettings settings) {
        notifier.reload(settings);
    }

    private <T extends AutoCloseable> T push(T c) {
        started.push(c);
        return c;
    }

    private Driver driver(UpsConfig ups) {
        return switch (ups.driver()) {
            case UpsConfig.Dummy d -> new DummyDriver(d.settings(), clock);
            case UpsConfig.Proxy p -> new io.gridwatch.driver.proxy.ProxyDriver(p.settings());
            case UpsConfig.Mains m -> new MainsDriver(ups.name(), new MainsSettings(m.kind(),
                    m.sensors().stream().map(probeFactory::sensor).toList(), m.grid(), m.battery(),
                    "Virtual UPS (" + m.kind() + ")"), hub, scheduler, probes, store, Version.current());
        };
    }

    /** Rebuilds recovery and schedules from a changed configuration (pending wake-ups carry over). */
    synchronized void restartSiteServices(GridwatchConfig config) {
        SiteServices old = services;
        old.close();
        services = SiteServices.start(config, hub, scheduler, probes, store, wakes, probeFactory, clock,
                WakeSender.udp());
        LOG.info("hosts, schedules and recovery settings reloaded");
    }

    void replaceNutUsers(List<NutUser> users) {
        nutUsers.replace(users);
        LOG.info("NUT users reloaded ({} users)", users.size());
    }

    public UpsHub hub() {
        return hub;
    }

    public ClientTracker clients() {
        return clients;
    }

    public EventJournal journal() {
        return journal;
    }

    public RecoveryPlanner recovery() {
        return services.recovery();
    }

    public NutServer nutServer() {
        return nut;
    }

    public HttpApi http() {
        return http;
    }

    public LoginRegistry logins() {
        return logins;
    }

    /** The dashboard admin's password when this start created it (print it once), else null. */
    public String initialAdminPassword() {
        return initialAdminPassword;
    }

    /** The runner of a UPS's driver (to stop a driver by hand). */
    public DriverRunner driverRunner(UpsName name) {
        return runners.get(name);
    }

    @Override
    public void close() {
        synchronized (started) {
            while (!started.isEmpty()) {
                AutoCloseable c = started.pop();
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("error while stopping {}", c, e);
                }
            }
        }
    }
}
