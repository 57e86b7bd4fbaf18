-- Cases: the employee data is one AES-256-GCM blob (SSN, DOB, A-number, document
-- numbers never sit in plain columns); duplicates are found through an HMAC-SHA256 blind
-- index of the SSN. The lifecycle (status, dates, referrals) is plain JSON: no personal data.

CREATE TABLE cases (
    case_number TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    employer_case_id TEXT,
    status TEXT NOT NULL,
    ssn_index BLOB NOT NULL,
    data BLOB NOT NULL,
    progress TEXT NOT NULL,
    created_on TEXT NOT NULL,        -- service-clock date (YYYY-MM-DD)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_client_status ON cases(client_id, status);
CREATE INDEX cases_duplicates ON cases(client_id, ssn_index);

-- Case numbers: year, day of year and a per-day sequence (like the program's).
CREATE TABLE case_number_sequence (
    day TEXT PRIMARY KEY,
    next INTEGER NOT NULL
);

-- Cases whose status changed and whose client has not acknowledged it yet (cases/updated).
CREATE TABLE case_changes (
    case_number TEXT PRIMARY KEY REFERENCES cases(case_number),
    client_id TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX case_changes_client ON case_changes(client_id);

-- Idempotency-Key: the first response to a key is stored and replayed for retries.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash BLOB NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
