-- A new draft's work items (HIRE-2, IMG-3, CASE-7) wait here before they enter
-- work_items: most drafts made through the API are submitted within the second, and then
-- their items would be written (five B-tree entries a row) only to be deleted again. A
-- row here is one entry. The work queue's reads move whatever is staged into work_items
-- first, and its announcement pass moves what has waited a few seconds, so the queue
-- reads exactly as if the items had been written at once.
CREATE TABLE staged_work_items (
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    client_id TEXT,
    due_date TEXT NOT NULL,
    visible_from TEXT,
    clock TEXT NOT NULL,
    title TEXT NOT NULL,
    action TEXT NOT NULL,
    staged_at TEXT NOT NULL,           -- UTC, when the draft was created
    PRIMARY KEY (subject_type, subject_id, kind)
) WITHOUT ROWID;
