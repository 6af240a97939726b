import io.gridwatch.coordination.CoordinationSettings;
import io.gridwatch.coordination.Coordinator;
import io.gridwatch.coordination.PostgresCoordinator;
import io.gridwatch.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Leader takeover in a site of two servers sharing PostgreSQL (the machine's on 127.0.0.1:5432, else the embedded
 * one the test suite uses). Both servers see the same stream of events, one a second, of [kinds] kinds in turn
 * (a kind: a notification type for one UPS; 20 by default, so the same kind comes back every 20 s, twice the
 * default same_event_within of 10 s; 5 makes it come back inside the window, which the matching cannot tell
 * apart), each server up to 1 s after the event (as two servers' drivers would see it), and handle them as the
 * notifier does: the leader claims, "sends"
 * (records who sent it) and marks it done; the follower holds it and drops it once the leader's record matches.
 * Every 2 to 4 s the leader is killed as kill -9 would (no lease given up, nothing more done) and replaced by a
 * fresh process of the same name. Measured: time from the kill to the new leader, and at the end, per event, how
 * many times it was sent (duplicates: more than once; losses: never).
 *
 *   java -cp <classes, test classes, dependencies> bench/TakeoverBench.java [kills] [lease seconds] [kinds]
 */
public class TakeoverBench {
    static final Map<Long, List<String>> SENT = new ConcurrentHashMap<>();

    record Event(long n, String key, Instant at) {
    }

    /** The default same_event_within. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    static final class Server {
        final String name;
        final PostgresCoordinator c;
        final List<Event> pending = new CopyOnWriteArrayList<>();
        volatile boolean alive = true;
        final Thread worker;

        Server(String name, CoordinationSettings s) {
            this.name = name;
            this.c = new PostgresCoordinator(s);
            this.worker = Thread.ofPlatform().daemon().start(this::work);
        }

        void work() {
            while (alive) {
                for (Event e : pending) {
                    if (!alive) {
                        return;
                    }
                    if (c.leading()) {
                        String ref = name + "/" + e.n();
                        Coordinator.Decision d = c.claim("notify", e.key(), e.at(), ref);
                        if (d == Coordinator.Decision.DO && alive) {
                            SENT.computeIfAbsent(e.n(), k -> new CopyOnWriteArrayList<>()).add(name);
                            c.done(ref);
                            pending.remove(e);
                        } else if (d == Coordinator.Decision.DONE_ELSEWHERE) {
                            pending.remove(e);
                        }
                    } else if (c.doneBy("notify", e.key(), e.at()) != null) {
                        pending.remove(e);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException x) {
                    return;
                }
            }
        }

        void kill() {
            alive = false;
            c.crash();
        }
    }

    public static void main(String[] args) throws Exception {
        // the coordinators' log: warnings only, on standard error (the table goes to standard output)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration lease = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 4);
        int kindCount = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Postgres.Server pg = Postgres.get();
        String site = "bench-" + UUID.randomUUID();
        java.util.function.Function<String, CoordinationSettings> settings = name -> new CoordinationSettings(site,
                name, pg.url(), pg.user(), null, lease, WINDOW);
        List<Server> servers = new CopyOnWriteArrayList<>(List.of(new Server("gw-a", settings.apply("gw-a")),
                new Server("gw-b", settings.apply("gw-b"))));
        long[] n = {0};
        Thread events = Thread.ofPlatform().daemon().start(() -> {
            String[] types = {"power-lost", "power-restored", "wake-sent", "client-shutdown", "low-battery"};
            String[] kinds = new String[kindCount];
            for (int k = 0; k < kindCount; k++) {
                kinds[k] = types[k % types.length] + "|ups" + (k / types.length);
            }
            while (!Thread.currentThread().isInterrupted()) {
                long i = n[0]++;
                Event e = new Event(i, "ops|" + kinds[(int) (i % kinds.length)], Instant.now());
                SENT.putIfAbsent(i, new CopyOnWriteArrayList<>());
                for (Server s : servers) {
                    if (s.alive) { // this server's sighting: up to 1 s after the event
                        s.pending.add(new Event(e.n(), e.key(),
                                e.at().plusMillis(ThreadLocalRandom.current().nextLong(1000))));
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException x) {
                    return;
                }
            }
        });
        List<Long> takeovers = new ArrayList<>();
        Thread.sleep(2000);
        for (int k = 0; k < kills; k++) {
            Thread.sleep(2000 + ThreadLocalRandom.current().nextLong(2000));
            Server leader = servers.stream().filter(s -> s.c.leading()).findFirst().orElse(null);
            if (leader == null) {
                throw new IllegalStateException("no leader before kill " + (k + 1));
            }
            leader.kill();
            long t0 = System.nanoTime();
            Server next = null;
            while (next == null) {
                next = servers.stream().filter(s -> s != leader && s.c.leading()).findFirst().orElse(null);
                Thread.sleep(5);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            takeovers.add(ms);
            System.err.printf("kill %2d: %s killed, %s leads after %d ms%n", k + 1, leader.name, next.name, ms);
            servers.remove(leader);
            servers.add(new Server(leader.name, settings.apply(leader.name))); // restarted by its supervisor
        }
        events.interrupt();
        events.join();
        Thread.sleep(lease.toMillis() + 3000); // the last events drain
        long duplicates = SENT.values().stream().filter(l -> l.size() > 1).count();
        long losses = SENT.values().stream().filter(List::isEmpty).count();
        for (Server s : servers) {
            s.kill();
        }
        List<Long> sorted = new ArrayList<>(takeovers);
        Collections.sort(sorted);
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("| lease | same kind again after | kills | takeover median | min | max | events | sent twice "
                + "| never sent |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %d s | %d s | %d | %.2f s | %.2f s | %.2f s | %d | %d | %d |%n", lease.toSeconds(),
                kindCount, kills,
                median / 1000.0, sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, SENT.size(),
                duplicates, losses);
        SENT.forEach((i, l) -> {
            if (l.size() != 1) {
                System.err.println("event " + i + " sent by " + l);
            }
        });
        System.exit(0);
    }
}
