-- The case event log: one row per change a client's systems may want pushed to them
-- (case.created, case.status_changed, case.closed), written in the same transaction
-- as the change, so a crash loses none. `sequence` grows by one per client, so a
-- receiver sees a gap; `progress` is the case's lifecycle as it stood at the event.
-- Webhook delivery reads it in `id` order (an outbox) from past a cursor, so a write
-- appends at the end of one B-tree and touches no other index. No personal data.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    type TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    occurred_at TEXT NOT NULL,
    progress TEXT NOT NULL
);

CREATE TABLE case_event_sequences (
    client_id TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) WITHOUT ROWID;

-- How far the events were handed on: every event with a larger id is pending.
CREATE TABLE case_event_cursor (
    name TEXT PRIMARY KEY,
    dispatched_through INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO case_event_cursor (name, dispatched_through) VALUES ('outbox', 0);
