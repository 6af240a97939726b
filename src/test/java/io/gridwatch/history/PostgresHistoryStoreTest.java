package io.gridwatch.history;

import io.gridwatch.testing.Postgres;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The history contract on PostgreSQL ({@link Postgres}: the machine's on 127.0.0.1:5432, else one started from Maven
 * Central's binaries), in a schema of its own that the test drops.
 */
@Tag("services")
class PostgresHistoryStoreTest extends JdbcHistoryStoreContract {
    static final Postgres.Server PG = Postgres.get();
    String schema;

    @Override
    HistoryStore open() throws Exception {
        schema = "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = PG.connect()) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return reopen();
    }

    @Override
    HistoryStore reopen() throws Exception {
        return HistoryStore.open(PG.url(schema), PG.user(), "");
    }

    @AfterEach
    void dropSchema() throws Exception {
        closeStore();
        store = null;
        if (schema != null) {
            try (Connection c = PG.connect()) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
