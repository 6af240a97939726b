-- The event archive: every journal entry, kept across restarts, acknowledgeable.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    ts BIGINT NOT NULL,
    ups VARCHAR(64),
    type VARCHAR(64) NOT NULL,
    level VARCHAR(16) NOT NULL,
    message VARCHAR(2000) NOT NULL,
    acked_at BIGINT,
    acked_by VARCHAR(64)
);
CREATE INDEX events_ts ON events (ts);
