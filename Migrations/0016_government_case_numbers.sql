-- The government's case number for each of the agent's cases, when the government side
-- assigns its own (ICA mode). Polled updates name the government's number.
CREATE TABLE government_case_numbers (
    agent_case_number TEXT PRIMARY KEY REFERENCES cases(case_number),
    government_case_number TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;
