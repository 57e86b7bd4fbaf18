-- RET-1..3: the retention date, the legal hold and the purge live in the case's
-- progress JSON (no personal data); this expression index finds the cases the daily
-- purge job is due to look at without reading every case. Its WHERE matches the job's.
CREATE INDEX cases_retention ON cases(json_extract(progress, '$.retentionUntil'))
    WHERE json_extract(progress, '$.retentionUntil') IS NOT NULL AND json_extract(progress, '$.purge') IS NULL;

-- RET-2: one line per purge, kept for good (no personal data: the case number, the
-- dates and the names of the fields deleted).
CREATE TABLE purge_reports (
    case_number TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    purged_at TEXT NOT NULL,            -- UTC instant
    purged_on TEXT NOT NULL,            -- service-clock date (YYYY-MM-DD)
    retention_until TEXT NOT NULL,
    fields TEXT NOT NULL                -- JSON array of API field names
) WITHOUT ROWID;
CREATE INDEX purge_reports_client ON purge_reports(client_id, purged_on);
CREATE INDEX purge_reports_day ON purge_reports(purged_on);

-- Field-key rotation (`employer-agent rotate-field-key`): recorded before the new key is
-- added, so an interrupted run is resumed toward the same key.
CREATE TABLE field_key_rotations (
    to_key_id INTEGER PRIMARY KEY,
    from_key_id INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    resealed INTEGER NOT NULL DEFAULT 0
);
