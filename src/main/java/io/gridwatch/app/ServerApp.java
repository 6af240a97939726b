package io.gridwatch.app;

import io.gridwatch.api.HttpApi;
import io.gridwatch.api.auth.AuthStore;
import io.gridwatch.api.auth.PasswordHash;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.NutConfig;
import io.gridwatch.driver.DriverRunner;
import io.gridwatch.files.DataFolder;
import io.gridwatch.guard.LoginGuard;
import io.gridwatch.coordination.Coordinator;
import io.gridwatch.coordination.PostgresCoordinator;
import io.gridwatch.history.EventArchiver;
import io.gridwatch.history.HistoryRuntime;
import io.gridwatch.history.HistoryStore;
import io.gridwatch.history.Report;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.journal.EventJournal;
import io.gridwatch.clients.StaleClients;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.hub.UpsName;
import io.gridwatch.notify.Notifier;
import io.gridwatch.power.HubStatePersistence;
import io.gridwatch.power.PowerStateStore;
import io.gridwatch.powmonman.PowMonManServer;
import io.gridwatch.recovery.RecoveryPlanner;
import io.gridwatch.recovery.RecoveryStore;
import io.gridwatch.recovery.WakeSender;
import io.gridwatch.server.LoginRegistry;
import io.gridwatch.server.NutServer;
import io.gridwatch.server.NutServerSettings;
import io.gridwatch.server.PemTls;
import io.gridwatch.server.ServerContext;
import io.gridwatch.server.TrackingTable;
import io.gridwatch.server.UserDb;
import io.gridwatch.server.VarDescriptions;
import io.gridwatch.time.SystemScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * The composition root: builds every part of the server with {@code new}, in order (hub, drivers, site services,
 * history, NUT listener, HTTP side, notifications), and stops them in reverse. If a part fails to start (a port
 * that cannot be bound, an unreadable certificate), what was already started is stopped and the error goes up.
 * What changes while running is {@link SiteRuntime}'s business; nothing here is reassigned.
 */
public final class ServerApp implements AutoCloseable {
    /** Events kept in memory for the API and dashboard. */
    static final int JOURNAL = 2_000;
    /** The file in the data folder that says where /healthz answers (a container's HEALTHCHECK reads it). */
    public static final String HEALTH_URL = HealthUrl.FILE;

    private final Lifecycle life;
    private final UpsHub hub;
    private final EventJournal journal;
    private final ClientTracker clients;
    private final Drivers drivers;
    private final LiveServices services;
    private final HistoryRuntime history;
    private final LoginRegistry logins = new LoginRegistry();
    private final NutServer nut;
    private final PowMonManServer powmonman;
    private final Notifier notifier;
    private final HttpApi http;
    private final String initialAdminPassword;
    private final Coordinator coordinator;

    /** Builds and starts everything, or nothing. */
    public static ServerApp start(GridwatchConfig config, Clock clock) throws IOException {
        return start(config, clock, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** As {@link #start(GridwatchConfig, Clock)}, hashing new passwords with {@code iterations} PBKDF2 rounds. */
    public static ServerApp start(GridwatchConfig config, Clock clock, int iterations) throws IOException {
        if (!config.nut().passwordsToGenerate().isEmpty()) {
            var e = config.nut().passwordsToGenerate().entrySet().iterator().next();
            throw new IOException("NUT user " + e.getKey() + " has no password yet: its password_file "
                    + e.getValue() + " does not exist ('gridwatch server' generates it on start)");
        }
        Lifecycle life = new Lifecycle();
        try {
            DataFolder.prepare(config.dataDir());
            return new ServerApp(config, clock, iterations, life);
        } catch (IOException | RuntimeException e) {
            life.close();
            throw e;
        }
    }

    private ServerApp(GridwatchConfig config, Clock clock, int iterations, Lifecycle life) throws IOException {
        this.life = life;
        Path data = config.dataDir();
        AtomicReference<GridwatchConfig> current = new AtomicReference<>(config);
        SystemScheduler scheduler = life.push(new SystemScheduler(clock, 2));
        coordinator = life.push(config.coordination() == null ? Coordinator.alone(hostName())
                : new PostgresCoordinator(config.coordination()));
        hub = life.push(new UpsHub(clock, config.nut().maxAge(), config.nut().fsdRelease()));
        life.push(new EventLog(hub));
        journal = life.push(new EventJournal(JOURNAL));
        journal.follow(hub);
        clients = life.push(new ClientTracker(hub, new ClientFile(data.resolve("clients.json"))));
        life.every(scheduler, Duration.ofSeconds(5), clients::flush);
        PowerStateStore store = PowerStateStore.open(data.resolve("power-state.json"));
        ProbePool probes = life.push(new ProbePool());
        drivers = new Drivers(config.ups(), hub, scheduler, probes, store, clock, life);
        life.push(new HubStatePersistence(hub, store)).start();
        drivers.start();
        services = life.push(new LiveServices(config, hub, clients, scheduler, probes, store,
                RecoveryStore.open(data.resolve("recovery-state.json")), clock, WakeSender.udp(), coordinator));
        history = life.push(new HistoryRuntime(config.history(), hub, journal, scheduler, clock,
                data.resolve("events-ahead.jsonl")));
        LoginGuard guard = new LoginGuard(clock); // one for NUT and HTTP: guesses cannot be split between them
        UserDb nutUsers = new UserDb(config.nut().users(), guard);
        nut = life.push(nutServer(config.nut(), nutUsers, clock));
        nut.start();
        powmonman = config.powmonman().enabled() ? life.push(PowMonManServer.start(hub, config.powmonman())) : null;
        notifier = life.push(new Notifier(config.notifications(), new Notifier.Context(hub, clients, clock,
                () -> current.get().site().zone(), data, scheduler, (ups, span, now) -> history.report(
                        Report.Subject.of(hub.find(ups).orElseThrow(() -> new IllegalStateException("no UPS " + ups))),
                        span, now, current.get().site().zone(), current.get().energy()), coordinator)));
        StaleClients stale = new StaleClients(hub, clients, clock, () -> current.get().http().staleAfter(),
                () -> current.get().http().offlineAfter());
        life.every(scheduler, Duration.ofSeconds(10), stale::check);
        AuthStore.Opened auth = AuthStore.open(data.resolve("auth.json"), iterations, clock);
        initialAdminPassword = auth.initialAdminPassword();
        SiteRuntime site = new SiteRuntime(current, clock, new SiteRuntime.Parts(hub, clients, journal, history,
                notifier, services, nutUsers, new Health(() -> nut, history::problems), nut, coordinator));
        SSLContext tls = tls(config.http().tls());
        http = life.push(new HttpApi(site, auth.store(), config.http(), tls, clock, scheduler, guard));
        http.start();
        HealthUrl.write(data, http.boundAddress(), tls != null);
        notifier.start();
        Boolean advertise = config.nut().advertise();
        if (advertise == null ? Advertiser.beyondLoopback(nut.boundAddresses()) : advertise) {
            life.push(new Advertiser(nut.boundAddresses(), http.boundAddress().getPort()));
        }
    }

    private NutServer nutServer(NutConfig n, UserDb users, Clock clock) throws IOException {
        SSLContext tls = tls(n.tls());
        ServerContext ctx = new ServerContext(hub, users, logins, new TrackingTable(clock, 100_000),
                VarDescriptions.load(n.cmdvartab()), n.serverInfo(), ServerContext.NUT_VERSION, tls != null);
        return new NutServer(new NutServerSettings(n.listen(), n.maxConnections(), n.idleTimeout(), n.eventLoops(),
                n.backlog()), ctx, tls, clock);
    }

    private static SSLContext tls(NutConfig.TlsFiles files) throws IOException {
        return files == null ? null : PemTls.load(files.certificate(), files.key());
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

    /** Notifications: the outbox, channels, "send test". */
    public Notifier notifier() {
        return notifier;
    }

    /** The PowMonMan protocol server, or null when {@code powmonman:} is not configured. */
    public PowMonManServer powmonman() {
        return powmonman;
    }

    /** The history store, once open (empty while opening, when disabled, or when it could not be opened). */
    public Optional<HistoryStore> history() {
        return history.store();
    }

    /** The event archive, once history is open. */
    public Optional<EventArchiver> eventArchiver() {
        return history.archiver();
    }

    /** The dashboard admin's password when this start created it (print it once), else null. */
    public String initialAdminPassword() {
        return initialAdminPassword;
    }

    /** The runner of a UPS's driver (to stop a driver by hand). */
    public DriverRunner driverRunner(UpsName name) {
        return drivers.runner(name);
    }

    /** How this server stands in its site. */
    public Coordinator coordinator() {
        return coordinator;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "this server";
        }
    }

    @Override
    public void close() {
        life.close();
    }
}
