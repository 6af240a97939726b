-- Each archived event keeps its facts as JSON (host, attempt, reason...) and the key of the journal entry it came
-- from, so that writing a batch again (after a failure that left the outcome unknown) can never store it twice.
ALTER TABLE events ADD COLUMN details VARCHAR(4000);
ALTER TABLE events ADD COLUMN event_key VARCHAR(80);
CREATE UNIQUE INDEX events_key ON events (event_key);
