-- Credentials beyond the password itself (ACC-1): the history that stops reuse of
-- recent passwords, API keys of clients, and TOTP second factors.

-- Hashes of passwords a user had before the current one, newest by rowid; only the
-- last few are kept (CredentialPolicy.passwordHistoryDepth).
CREATE TABLE password_history (
    user_id TEXT NOT NULL REFERENCES users(id),
    password_hash TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id);

-- API keys act as one user of one client. Like session tokens, only the SHA-256 of
-- the key is kept; the key itself is shown once.
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    key_hash BLOB NOT NULL UNIQUE,
    client_id TEXT NOT NULL REFERENCES clients(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_keys_client ON api_keys(client_id);
CREATE INDEX api_keys_user ON api_keys(user_id);

-- TOTP secrets (RFC 6238), sealed with the field cipher: a secret is a credential.
-- `pending_secret` waits for the first code; `last_step` refuses a code used before.
CREATE TABLE user_totp (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    secret BLOB,
    pending_secret BLOB,
    enabled_at TEXT,
    last_step INTEGER
) WITHOUT ROWID;
