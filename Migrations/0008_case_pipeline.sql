-- Idempotency answers are kept sealed (AES-256-GCM, bound to their scope and key),
-- requests are compared by a keyed MAC instead of a plain hash of a body holding an
-- SSN, and answers expire after 24 hours. The old rows held whole case answers in
-- clear, so they are dropped rather than converted.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_mac BLOB NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    sealed_body BLOB NOT NULL,
    case_number TEXT,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at_ms);
