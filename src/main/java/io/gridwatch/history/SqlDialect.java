package io.gridwatch.history;

import com.zaxxer.hikari.HikariConfig;
import io.gridwatch.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * What differs between the databases history runs on: the SQL is the same, the migrations (table layout), the
 * pool and the connection settings are not.
 */
enum SqlDialect {
    /** A file; one connection (SQLite has one writer at a time anyway), write-ahead log. */
    SQLITE("sqlite", 1),
    /** A server; a few connections. */
    POSTGRESQL("postgresql", 4);

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private final String migrations;
    private final int poolSize;

    SqlDialect(String migrations, int poolSize) {
        this.migrations = migrations;
        this.poolSize = poolSize;
    }

    static SqlDialect of(String url) {
        return url.startsWith(SQLITE_PREFIX) ? SQLITE : POSTGRESQL;
    }

    /** Where Flyway finds this database's migrations. */
    String migrations() {
        return "classpath:io/gridwatch/history/migration/" + migrations;
    }

    /** Pool size and connection properties. */
    void configure(HikariConfig hc) {
        hc.setMaximumPoolSize(poolSize);
        if (this == SQLITE) {
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "5000");
        }
    }

    /**
     * Before the first connection: an SQLite file's folder is made, and a new file is created readable by its owner
     * only (SQLite gives its -wal and -shm files the database's mode).
     */
    void prepare(String url) throws SQLException {
        if (this != SQLITE) {
            return;
        }
        String file = url.substring(SQLITE_PREFIX.length()).replaceFirst("\\?.*$", "");
        if (file.isEmpty() || file.startsWith(":")) {
            return; // in memory
        }
        Path db = Path.of(file);
        Path parent = db.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            if (!Files.exists(db)) {
                Files.createFile(db);
                AtomicFile.restrict(db);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
        }
    }
}
