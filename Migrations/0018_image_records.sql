-- IMAGE records (API.md "IMAGE records", DOMAIN.md IMG-1..10). Record bodies, report
-- statements and tips are sealed with the field cipher as a whole: letters name
-- employees, reports and tips describe people. Plain columns hold only what lists, work
-- items and counts need: kinds and dates.

-- A client's membership and practice settings (JSON of ImageSettings), beside its row.
-- The tip-line token is what the client hands its employees: it only opens the line.
CREATE TABLE client_image_settings (
    client_id TEXT PRIMARY KEY REFERENCES clients(id),
    settings TEXT NOT NULL,
    tip_token TEXT UNIQUE,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- No-match letters, self-reports, I-9 audits and contractor assessments.
CREATE TABLE image_records (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    kind TEXT NOT NULL,
    record_date TEXT NOT NULL,         -- received_on, discovered_on, performed_on or assessed_on
    body BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX image_records_client ON image_records(client_id, kind, record_date);

-- IMG-10: what the client states for a year's report.
CREATE TABLE image_report_statements (
    client_id TEXT NOT NULL REFERENCES clients(id),
    year INTEGER NOT NULL,
    body BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (client_id, year)
) WITHOUT ROWID;

-- IMG-7: tips. The follow-up code is kept only as a keyed hash; no source address is kept.
CREATE TABLE tips (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    follow_up_index BLOB NOT NULL UNIQUE,
    body BLOB NOT NULL,
    reply BLOB,
    received_at TEXT NOT NULL,
    received_on TEXT NOT NULL,
    replied_at TEXT,
    replied_by TEXT
);
CREATE INDEX tips_client ON tips(client_id, received_on);
