import io.gridwatch.history.HistoryStore;
import io.gridwatch.history.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * History store benchmark: a year (or [days]) of 5-second samples of one variable of one UPS (or [UPSes]),
 * generated and written in
 * batches as the writer does (ingest rate), rolled up (minute/hour/day), pruned to the default retention of raw
 * samples (7 days), then chart queries for 1 h, 1 day, 1 month and 1 year through the tier each range uses (the
 * median of 20 runs each), and the bytes on disk per sample written. Run by bench/history-bench.sh.
 *
 *   java -cp <classes and dependencies> bench/HistoryBench.java sqlite|postgresql <work dir> [days] [UPSes]
 */
public class HistoryBench {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        Path work = Path.of(args[1]);
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
        int upses = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String schema = "gw_bench_" + ProcessHandle.current().pid();
        String url;
        if (db.equals("sqlite")) {
            url = "jdbc:sqlite:" + work.resolve("history.db");
        } else {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "&reWriteBatchedInserts=true";
        }
        Instant end = Instant.parse("2026-11-21T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(days));
        long perUps = Duration.between(start, end).toSeconds() / 5;
        long n = perUps * upses;
        try (HistoryStore store = HistoryStore.open(url, db.equals("sqlite") ? null : "postgres", "")) {
            long t0 = System.nanoTime();
            List<HistoryStore.Sample> batch = new ArrayList<>(10_000);
            for (long i = 0; i < perUps; i++) {
              for (int u = 1; u <= upses; u++) {
                long ts = start.toEpochMilli() + i * 5000;
                double v = 50 + 40 * Math.sin(i / 720.0 + u) + (i % 7);
                batch.add(new HistoryStore.Sample("ups" + u, "ups.load", ts, v));
                if (batch.size() == 10_000) {
                    store.write(batch);
                    batch.clear();
                }
              }
            }
            store.write(batch);
            double ingestS = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            store.rollUp(end);
            double rollupS = (System.nanoTime() - t1) / 1e9;
            long full = size(db, work, schema);
            store.prune(end, java.util.Map.of(Tier.RAW, Duration.ofDays(7)));
            System.out.printf("%s, %d UPS: %,d samples (%d days at 5 s) written in %.1f s: %,.0f samples/s; rollups %.1f s; "
                    + "%.1f MB on disk with all of them and their rollups: %.0f bytes per sample%n", db, upses, n, days,
                    ingestS, n / ingestS, rollupS, full / 1e6, (double) full / n);
            String probe = "ups" + (upses + 1) / 2; // a UPS in the middle of the series ids
            for (String[] q : new String[][] {{"1h", "PT1H"}, {"1d", "P1D"}, {"1 month", "P30D"}, {"1 year", "P365D"}}) {
                Duration range = Duration.parse(q[1]);
                if (range.toDays() > days) {
                    continue;
                }
                Tier tier = Tier.forRange(range, Duration.ofSeconds(5));
                double[] ms = new double[20];
                int points = 0;
                for (int r = 0; r < ms.length; r++) {
                    long s = System.nanoTime();
                    points = store.query(probe, "ups.load", end.minus(range), end, tier).size();
                    ms[r] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("  query %-8s (%-6s %5d points): median %.2f ms, max %.2f ms%n", q[0], tier, points,
                        ms[ms.length / 2], ms[ms.length - 1]);
            }
        } finally {
            if (!db.equals("sqlite")) {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                    c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    static long size(String db, Path work, String schema) throws Exception {
        if (db.equals("sqlite")) {
            long total = 0;
            for (String f : new String[] {"history.db", "history.db-wal"}) {
                Path p = work.resolve(f);
                total += Files.exists(p) ? Files.size(p) : 0;
            }
            return total;
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             ResultSet r = c.createStatement().executeQuery("SELECT sum(pg_total_relation_size(quote_ident('" + schema
                     + "') || '.' || quote_ident(tablename))) FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
