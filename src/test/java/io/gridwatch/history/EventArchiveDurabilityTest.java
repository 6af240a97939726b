package io.gridwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridwatch.journal.EventJournal;
import io.gridwatch.hub.UpsName;
import io.gridwatch.testing.Programs;
import io.gridwatch.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event archive writes each event exactly once: through a full disk (a 4 MB tmpfs the test mounts and fills),
 * through a database locked by another process's transaction, and through a restart while the database is locked
 * (the events not yet written wait in the write-ahead file). Counted in the database itself, by message.
 */
class EventArchiveDurabilityTest {
    static String yaml(Path data) {
        return """
                nut: { listen: ["127.0.0.1:0"] }
                data_dir: "%s"
                ups:
                  rack: { driver: dummy, file: rack.dev, pollinterval: 100ms }
                """.formatted(data);
    }

    /** Every status change the journal has, by message, and the same counted in the archive's table. */
    static void assertArchivedExactlyOnce(TestServer s, Path db) throws Exception {
        Map<String, Long> journal = new HashMap<>();
        for (EventJournal.Entry e : s.app().journal().all()) {
            if (e.type().equals("status")) {
                journal.merge(e.message() + "@" + e.at().toEpochMilli(), 1L, Long::sum);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> archived(db).keySet().containsAll(journal.keySet()));
        Map<String, Long> archive = archived(db);
        for (Map.Entry<String, Long> e : journal.entrySet()) {
            assertThat(archive.get(e.getKey())).as(e.getKey()).isEqualTo(1L);
        }
    }

    static Map<String, Long> archived(Path db) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet r = c.createStatement().executeQuery("SELECT message, ts, COUNT(*) FROM events "
                     + "WHERE type = 'status' GROUP BY message, ts")) {
            while (r.next()) {
                out.put(r.getString(1) + "@" + r.getLong(2), r.getLong(3));
            }
        }
        return out;
    }

    static void flap(TestServer s, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            s.write("rack.dev", "ups.status: OB DISCHRG\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.app().hub().snapshot(UpsName.of("rack")).statusLine()
                    .startsWith("OB"));
            s.write("rack.dev", "ups.status: OL\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> s.app().hub().snapshot(UpsName.of("rack")).statusLine()
                    .equals("OL"));
        }
    }

    @Test
    void throughAFullDisk(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path mnt = Files.createDirectories(dir.resolve("small-disk"));
        Programs.Result m = Programs.run(List.of("mount", "-t", "tmpfs", "-o", "size=4m", "gridwatch-test", mnt.toString()));
        assumeTrue(m.exitCode() == 0, () -> "cannot mount a tmpfs: " + m.stderr());
        try {
            Path data = mnt.resolve("data");
            try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("conf")), yaml(data),
                    Map.of("rack.dev", "ups.status: OL\n"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> s.app().history().isPresent());
                Path filler = mnt.resolve("filler");
                fill(filler);
                flap(s, 4); // 8 status changes while the disk is full
                await().atMost(Duration.ofSeconds(15)).until(() -> s.app().eventArchiver().orElseThrow().failing());
                Thread.sleep(3000); // several archive rounds fail meanwhile
                Files.delete(filler);
                flap(s, 1);
                assertArchivedExactlyOnce(s, data.resolve("history.db"));
                Thread.sleep(3000); // rounds after the recovery must not write anything again
                assertArchivedExactlyOnce(s, data.resolve("history.db"));
            }
        } finally {
            Programs.run(List.of("umount", "-l", mnt.toString()));
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the disk is full now
        }
    }

    @Test
    void throughALockedDatabaseAndARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("history.db");
        String text = yaml(data);
        Map<String, Long> before;
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("conf")), text,
                Map.of("rack.dev", "ups.status: OL\n"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> s.app().history().isPresent());
            flap(s, 1);
            assertArchivedExactlyOnce(s, db);
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                lock.createStatement().execute("BEGIN EXCLUSIVE");
                flap(s, 3);
                Thread.sleep(7000); // archive rounds time out on the lock (busy_timeout 5 s)
                lock.createStatement().execute("ROLLBACK");
            }
            assertArchivedExactlyOnce(s, db);
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                lock.createStatement().execute("BEGIN EXCLUSIVE");
                flap(s, 2);
                before = new HashMap<>();
                for (EventJournal.Entry e : s.app().journal().all()) {
                    if (e.type().equals("status")) {
                        before.put(e.message() + "@" + e.at().toEpochMilli(), 1L);
                    }
                }
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(8000);
                        lock.createStatement().execute("ROLLBACK");
                    } catch (Exception e) {
                        // the lock ends when the connection closes
                    }
                });
                s.close(); // a restart while the database is still locked: what is queued goes to the write-ahead file
                assertThat(data.resolve("events-ahead.jsonl")).exists();
                Thread.sleep(8500);
            }
        }
        try (TestServer again = TestServer.start(dir.resolve("conf"), Files.readString(dir.resolve("conf/gridwatch.yaml")),
                Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> archived(db).keySet().containsAll(before.keySet()));
            Map<String, Long> archive = archived(db);
            for (String k : before.keySet()) {
                assertThat(archive.get(k)).as(k).isEqualTo(1L);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(data.resolve("events-ahead.jsonl")));
        }
    }
}
