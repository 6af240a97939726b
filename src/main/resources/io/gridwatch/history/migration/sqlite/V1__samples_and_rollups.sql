-- SQLite: the same tables as for PostgreSQL; the readings live in their primary key's B-tree (WITHOUT ROWID),
-- instead of in a table plus a separate index (see docs/benchmarks.md).
-- A series is one variable of one UPS; samples are its raw readings; rollups its minute/hour/day aggregates.
CREATE TABLE series (
    id INTEGER NOT NULL PRIMARY KEY,
    ups VARCHAR(64) NOT NULL,
    var VARCHAR(128) NOT NULL,
    UNIQUE (ups, var)
);

CREATE TABLE samples (
    series_id INTEGER NOT NULL,
    ts BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

CREATE TABLE rollups (
    tier SMALLINT NOT NULL,
    series_id INTEGER NOT NULL,
    ts BIGINT NOT NULL,
    min_value DOUBLE PRECISION NOT NULL,
    avg_value DOUBLE PRECISION NOT NULL,
    max_value DOUBLE PRECISION NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (tier, series_id, ts)
) WITHOUT ROWID;

-- how far each tier has been rolled up (epoch milliseconds, exclusive)
CREATE TABLE rollup_progress (
    tier SMALLINT NOT NULL PRIMARY KEY,
    done_until BIGINT NOT NULL
);
