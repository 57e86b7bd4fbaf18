-- The work queue, materialized: one row per open item, written in the same transaction as
-- the change that raises or settles it, so a read walks an index instead of every case.
-- Items carry no personal data (titles name case numbers and HR ids, never people).
CREATE TABLE work_items (
    subject_type TEXT NOT NULL,        -- case, hire, user, ...
    subject_id TEXT NOT NULL,
    kind TEXT NOT NULL,                -- CASE_NOT_CREATED, TNC_DECISION, ...
    rule TEXT NOT NULL,                -- DOMAIN.md rule ID
    client_id TEXT,                    -- NULL: the agent's own staff (agent-wide readers only)
    due_date TEXT NOT NULL,            -- YYYY-MM-DD, the last allowed day
    visible_from TEXT,                 -- YYYY-MM-DD, first day shown; NULL: at once
    clock TEXT NOT NULL,               -- 'service' (simulated date in simulation) or 'real'
    title TEXT NOT NULL,
    action TEXT NOT NULL,
    PRIMARY KEY (subject_type, subject_id, kind)
) WITHOUT ROWID;
-- Soonest first, ties by kind then subject id: the list's order and its keyset cursor.
CREATE INDEX work_items_due ON work_items(due_date, kind, subject_id, subject_type);
CREATE INDEX work_items_client_due ON work_items(client_id, due_date, kind, subject_id, subject_type);
CREATE INDEX work_items_kind_due ON work_items(kind, due_date, subject_id, subject_type);

-- HIRE-5 matching of a hire and a case, by the client's employee id or the SSN blind
-- index, as point lookups: a case write settles its hire's item without reading the roster.
CREATE INDEX cases_employer_case_id ON cases(client_id, employer_case_id);
CREATE INDEX hires_ssn ON hires(client_id, ssn_index);
