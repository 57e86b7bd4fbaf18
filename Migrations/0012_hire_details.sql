-- The roster's CSV (API.md "Batches") carries where a hire works and, once known, the
-- last day of employment (RET-1 counts the retention date from it). Neither is
-- personal data of the kind sealed elsewhere (no identifier, no date of birth).
ALTER TABLE hires ADD COLUMN work_state TEXT;
ALTER TABLE hires ADD COLUMN termination_date TEXT;
