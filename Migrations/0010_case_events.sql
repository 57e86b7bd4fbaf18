-- The case event log: one row per change a client's systems may want pushed to them
-- (case.created, case.status_changed, case.closed), written in the same transaction
-- as the change, so a crash loses none. `sequence` grows by one per client, so a
-- receiver sees a gap; `progress` is the case's lifecycle as it stood at the event.
-- Webhook delivery reads from here (an outbox); the rows carry no personal data.
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    type TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    occurred_at TEXT NOT NULL,
    progress TEXT NOT NULL,
    dispatched INTEGER NOT NULL DEFAULT 0,
    UNIQUE (client_id, sequence)
);
-- Index entries are kept in rowid order, so pending events come out oldest first.
CREATE INDEX case_events_pending ON case_events(dispatched);

CREATE TABLE case_event_sequences (
    client_id TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) WITHOUT ROWID;
