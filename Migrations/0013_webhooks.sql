-- Webhooks (API.md "Webhooks"): a client's receivers, and one delivery per (event,
-- webhook) made from the case event outbox. Secrets are AES-GCM sealed (FieldCipher,
-- bound to the webhook id); the previous secret keeps signing until its expiry while a
-- rotation overlaps.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    secret BLOB NOT NULL,
    previous_secret BLOB,
    previous_secret_expires_ms INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX webhooks_client ON webhooks(client_id);

-- `body` is rendered once at fan-out (the status object as it stood at the event, no
-- personal numbers), so every retry sends the same bytes. Deliveries of one case to one
-- webhook go out in rowid order: a later one waits while an earlier one is PENDING.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error TEXT,
    next_attempt_ms INTEGER,
    delivered_at TEXT,
    UNIQUE (event_id, webhook_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_ms);
CREATE INDEX webhook_deliveries_case ON webhook_deliveries(webhook_id, case_number, state);
CREATE INDEX webhook_deliveries_list ON webhook_deliveries(webhook_id, state);
