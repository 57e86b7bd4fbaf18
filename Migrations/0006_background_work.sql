-- Background work: submissions waiting for the government side, and the record of
-- scheduled jobs that have run (so a restart never runs one twice for the same item).

-- A case is in this table exactly while its status is QUEUED (kept in the same transaction).
CREATE TABLE submission_queue (
    case_number TEXT PRIMARY KEY REFERENCES cases(case_number),
    enqueued_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    last_error TEXT
);
CREATE INDEX submission_queue_due ON submission_queue(next_attempt_at_ms);

CREATE TABLE job_runs (
    job TEXT NOT NULL,
    item TEXT NOT NULL,
    ran_on TEXT NOT NULL,       -- service-clock date
    ran_at TEXT NOT NULL,
    PRIMARY KEY (job, item)
) WITHOUT ROWID;
