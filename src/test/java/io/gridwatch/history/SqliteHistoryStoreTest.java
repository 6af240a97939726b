package io.gridwatch.history;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on SQLite, in a temporary file. */
class SqliteHistoryStoreTest extends JdbcHistoryStoreContract {
    @TempDir
    Path dir;

    @Override
    HistoryStore open() throws Exception {
        return HistoryStore.open("jdbc:sqlite:" + dir.resolve("history.db"), null, null);
    }

    @Override
    HistoryStore reopen() throws Exception {
        return open();
    }
}
