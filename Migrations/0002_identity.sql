-- Identity: clients (employers), users and their sessions, login throttling, training
-- records, and the append-only audit trail every state change writes to.

CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    ein TEXT NOT NULL,
    naics_code TEXT,
    address TEXT,
    sites TEXT NOT NULL DEFAULT '[]',                 -- JSON array of strings
    mou_effective_date TEXT NOT NULL,                 -- YYYY-MM-DD
    employer_business_days TEXT NOT NULL,             -- JSON array, e.g. ["MON",...]
    employer_closed_dates TEXT NOT NULL DEFAULT '[]', -- JSON array of YYYY-MM-DD
    federal_contractor INTEGER NOT NULL DEFAULT 0,
    require_secondary_review INTEGER NOT NULL DEFAULT 0,
    notice_languages TEXT NOT NULL DEFAULT '[]',      -- JSON array of ISO 639-1 codes
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX clients_ein ON clients(ein);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL COLLATE NOCASE UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL CHECK (role IN ('AGENT_ADMIN','AGENT_USER','CLIENT_ADMIN','CLIENT_USER','AUDITOR')),
    client_id TEXT REFERENCES clients(id),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    password_changed_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deactivated_at TEXT
);
CREATE INDEX users_client ON users(client_id);

-- Session tokens are stored as SHA-256 of the token; the token itself is never kept.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per username (lower-cased, known or not), for the lockout window.
CREATE TABLE login_failures (
    username_key TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(username_key, at_ms);

CREATE TABLE training_records (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    taken_on TEXT NOT NULL,                 -- YYYY-MM-DD
    score_percent INTEGER NOT NULL CHECK (score_percent BETWEEN 0 AND 100),
    passed INTEGER NOT NULL,
    curriculum_version TEXT NOT NULL,
    source TEXT NOT NULL,                   -- 'external' (recorded by an admin) or 'test'
    note TEXT,
    recorded_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX training_records_user ON training_records(user_id, curriculum_version, passed);

-- The audit trail: append-only, each entry chained to the previous one by SHA-256.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_type TEXT NOT NULL,               -- user, api_key, system, anonymous
    actor_id TEXT,
    client_id TEXT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT,
    changes TEXT NOT NULL DEFAULT '[]',     -- JSON [{field, before, after}], personal data masked
    source_ip TEXT,
    request_id TEXT,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE INDEX audit_log_client ON audit_log(client_id, id);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
