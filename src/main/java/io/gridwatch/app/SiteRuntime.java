package io.gridwatch.app;

import io.gridwatch.api.Site;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.ConfigText;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.files.AtomicFile;
import io.gridwatch.history.HistoryRuntime;
import io.gridwatch.clients.ClientTracker;
import io.gridwatch.journal.EventJournal;
import io.gridwatch.hub.EventText;
import io.gridwatch.hub.UpsHub;
import io.gridwatch.notify.Notifier;
import io.gridwatch.server.NutServer;
import io.gridwatch.server.UserDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running site as the HTTP side sees it, and the one place where the configuration changes while running:
 * a new text is validated as a whole, the old file is kept as a timestamped backup (the last ten), the new one
 * replaces it atomically, and what can change live is put into force at once (hosts, schedules, recovery, time
 * zone, NUT users, client report ageing,
 * notifications, energy prices). Changes to listeners, TLS, UPSes or the data folder are written but
 * wait for a restart, and the answer says so. Thread-safe; changes are serialized.
 */
final class SiteRuntime implements Site {
    static final int BACKUPS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SiteRuntime.class);
    private static final List<String> LIVE = List.of("hosts", "schedules", "recovery", "site", "notify",
            "energy");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** What the site is made of; the runtime changes these in place and calls back into nothing else. */
    record Parts(UpsHub hub, ClientTracker clients, EventJournal journal, HistoryRuntime history, Notifier notifier,
                 LiveServices services, UserDb nutUsers, Health health, NutServer nut,
                 io.gridwatch.coordination.Coordinator coordinator) {
    }

    private final Parts parts;
    private final AtomicReference<GridwatchConfig> config;
    private final Path file;
    private final Clock clock;

    /** @param config the configuration in force, which this runtime replaces when a change is applied */
    SiteRuntime(AtomicReference<GridwatchConfig> config, Clock clock, Parts parts) {
        this.parts = parts;
        this.config = config;
        this.file = config.get().source();
        this.clock = clock;
    }

    @Override
    public UpsHub hub() {
        return parts.hub();
    }

    @Override
    public java.util.Optional<io.gridwatch.history.HistoryStore> history() {
        return parts.history().store();
    }

    @Override
    public ClientTracker clients() {
        return parts.clients();
    }

    @Override
    public EventJournal journal() {
        return parts.journal();
    }

    @Override
    public GridwatchConfig config() {
        return config.get();
    }

    @Override
    public String configText() throws IOException {
        if (file == null) {
            throw new IOException("this server was started without a configuration file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized Applied applyConfig(String text, String by) throws ConfigException, IOException {
        // the running data folder stays: data_dir changes only with a restart (and an override from outside,
        // --data-dir or GRIDWATCH_DATA_DIR, keeps winning)
        GridwatchConfig next = ConfigLoader.parse(text, file, file.getParent(), config().dataDir());
        if (!next.nut().passwordsToGenerate().isEmpty()) {
            var e = next.nut().passwordsToGenerate().entrySet().iterator().next();
            throw new ConfigException(java.util.List.of(new io.gridwatch.config.Problem(file, 0,
                    "nut.users." + e.getKey() + ".password_file", e.getValue() + " does not exist: create it with the "
                    + "password, or give password (a running server generates none)")));
        }
        String old = configText();
        List<String> changed = changedSections(old, text);
        Path backup = backup(old);
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8), true);
        List<String> applied = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        for (String section : changed) {
            if (LIVE.contains(section)) {
                applied.add(section);
            } else if (section.equals("nut") && onlyUsersChanged(old, text)) {
                applied.add("nut.users");
            } else if (section.equals("http") && onlyAgeingChanged(old, text)) {
                applied.add("http");
            } else {
                restart.add(section);
            }
        }
        config.set(next);
        if (applied.stream().anyMatch(List.of("hosts", "schedules", "recovery", "site")::contains)) {
            parts.services().restart(next);
        }
        if (applied.contains("notify")) {
            parts.notifier().reload(next.notifications());
        }
        if (applied.contains("nut.users")) {
            parts.nutUsers().replace(next.nut().users());
            LOG.info("NUT users reloaded ({} users)", next.nut().users().size());
        }
        parts.journal().record(clock.instant(), null, "config", EventText.Level.INFO, "configuration changed by " + by
                + (changed.isEmpty() ? " (no change)" : ": " + String.join(", ", changed))
                + (restart.isEmpty() ? "" : "; restart needed for " + String.join(", ", restart)),
                Map.of("applied", applied, "restart_required", restart));
        return new Applied(file, backup, applied, restart);
    }

    @Override
    public io.gridwatch.notify.Notifier notifier() {
        return parts.notifier();
    }

    @Override
    public java.util.Optional<io.gridwatch.recovery.RecoveryPlanner.ManualWake> wake(String host, String by) {
        return parts.services().recovery().wakeNow(host, by);
    }

    @Override
    public java.util.Optional<java.util.concurrent.CompletableFuture<io.gridwatch.agentless.SshOutcome>> sshCheck(
            String host) {
        io.gridwatch.agentless.AgentlessHosts a = parts.services().agentless();
        return a.target(host).map(t -> a.check(host));
    }

    @Override
    public List<String> livenessProblems() {
        return parts.health().liveness();
    }

    @Override
    public List<String> readinessProblems() {
        List<String> out = new ArrayList<>(parts.health().readiness());
        io.gridwatch.coordination.Coordinator.Status s = parts.coordinator().status();
        if (s.problem() != null) {
            out.add(s.problem() + "; this server serves NUT from its own drivers but does no once-only work "
                    + "(notifications, Wake-on-LAN, SSH shutdowns)");
        }
        return out;
    }

    @Override
    public io.gridwatch.coordination.Coordinator.Status coordination() {
        return parts.coordinator().status();
    }

    @Override
    public List<InetSocketAddress> nutAddresses() {
        return parts.nut().boundAddresses();
    }

    private Path backup(String old) throws IOException {
        String stamp = STAMP.format(clock.instant());
        Path b = file.resolveSibling(file.getFileName() + "." + stamp + ".bak");
        for (int n = 2; Files.exists(b); n++) { // never two backups under one name
            b = file.resolveSibling(file.getFileName() + "." + stamp + "-" + n + ".bak");
        }
        AtomicFile.write(b, old.getBytes(StandardCharsets.UTF_8), true);
        String prefix = file.getFileName() + ".";
        try (Stream<Path> all = Files.list(file.getParent())) {
            List<Path> backups = all.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".bak")).sorted().toList();
            for (int i = 0; i < backups.size() - BACKUPS; i++) {
                Files.deleteIfExists(backups.get(i));
            }
        }
        return b;
    }

    static List<String> changedSections(String oldText, String newText) {
        ObjectNode a = ConfigText.tree(oldText);
        ObjectNode b = ConfigText.tree(newText);
        List<String> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (a != null) {
            a.propertyNames().forEach(names::add);
        }
        b.propertyNames().forEach(names::add);
        for (String n : names) {
            if (a == null || !Objects.equals(a.get(n), b.get(n))) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean onlyUsersChanged(String oldText, String newText) {
        return sameExcept(ConfigText.tree(oldText).get("nut"), ConfigText.tree(newText).get("nut"), List.of("users"));
    }

    private static boolean onlyAgeingChanged(String oldText, String newText) {
        return sameExcept(ConfigText.tree(oldText).get("http"), ConfigText.tree(newText).get("http"),
                List.of("client_stale_after", "client_offline_after"));
    }

    private static boolean sameExcept(JsonNode a, JsonNode b, List<String> keys) {
        ObjectNode x = a instanceof ObjectNode o ? o.deepCopy() : null;
        ObjectNode y = b instanceof ObjectNode o ? o.deepCopy() : null;
        if (x == null || y == null) {
            return false;
        }
        keys.forEach(k -> {
            x.remove(k);
            y.remove(k);
        });
        return x.equals(y);
    }
}
