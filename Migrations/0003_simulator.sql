-- The simulated government side (simulation mode only): the synthetic people SSA and
-- DHS "know", the simulator's memory of each case with its one pending agency job, the
-- updates produced and not yet confirmed, outage windows and the simulator's settings.
--
-- Personal data: simulator_people keeps SSNs, dates of birth, A-numbers and passport
-- numbers in plain text on purpose. They are synthetic sandbox identities (the scenario
-- catalog, or test records an agent admin adds), never an employee's data, and the
-- admin API shows them whole. Should real data ever have to live here, move these
-- columns to the field encryption the cases table uses. simulator_cases keeps no
-- submitted data: only match facts (booleans and field names) and the SSN of the
-- simulated person the case matched (NULL when the SSN was unknown).

CREATE TABLE simulator_people (
    ssn TEXT PRIMARY KEY,                       -- ###-##-####, synthetic
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,                -- YYYY-MM-DD
    citizenship_status TEXT NOT NULL,
    alien_number TEXT,
    i94_number TEXT,
    us_passport_number TEXT,
    photo BLOB,                                 -- PNG or JPEG
    ssa_deceased INTEGER NOT NULL,
    ssa_citizenship_confirmed INTEGER NOT NULL,
    dhs_work_authorized INTEGER NOT NULL,
    dhs_needs_more_time_days INTEGER NOT NULL,
    dhs_close_and_resubmit INTEGER NOT NULL,
    referral_employee_contacts INTEGER NOT NULL,
    referral_result TEXT NOT NULL,
    referral_after_work_days INTEGER NOT NULL,
    referral_continuance_work_days INTEGER,     -- NULL: a continuance never resolves
    scenario TEXT,
    scenario_description TEXT
) WITHOUT ROWID;

-- No foreign key to simulator_people: a person may be replaced or removed while
-- cases that matched it live on.
CREATE TABLE simulator_cases (
    case_number TEXT PRIMARY KEY,
    person_ssn TEXT,
    facts TEXT NOT NULL,                        -- JSON: what matched and what did not
    stage TEXT NOT NULL,
    result TEXT NOT NULL,                       -- latest answer, e.g. TENTATIVE_NONCONFIRMATION:DHS_TNC
    mismatch TEXT,
    data_confirmed INTEGER NOT NULL,
    reviewed INTEGER NOT NULL,
    photo_answer TEXT,
    referral TEXT,                              -- JSON: kind, dates, behaviour, contacted
    closure_reason TEXT,
    submitted_on TEXT NOT NULL,                 -- simulated date, YYYY-MM-DD
    job_kind TEXT,                              -- the pending agency job, if any
    job_due TEXT,                               -- YYYY-MM-DD (sorts as text)
    CHECK ((job_kind IS NULL) = (job_due IS NULL))
) WITHOUT ROWID;
CREATE INDEX simulator_cases_job_due ON simulator_cases(job_due, case_number) WHERE job_due IS NOT NULL;

-- AUTOINCREMENT: a sequence is never reused, so "confirm what was delivered up to N"
-- can never remove an update produced later.
CREATE TABLE simulator_updates (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL,
    result TEXT NOT NULL,
    on_date TEXT NOT NULL,                      -- YYYY-MM-DD
    employee_contacted INTEGER NOT NULL
);
CREATE INDEX simulator_updates_case ON simulator_updates(case_number, sequence);

CREATE TABLE simulator_outages (
    id INTEGER PRIMARY KEY,
    from_ms INTEGER NOT NULL,                   -- ms since the epoch, UTC, inclusive
    to_ms INTEGER NOT NULL,                     -- inclusive
    CHECK (to_ms >= from_ms)
);

-- One row at most; absent means the defaults (real date, no faults).
CREATE TABLE simulator_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    clock_offset_days INTEGER NOT NULL,         -- simulated date minus real UTC date
    error_rate REAL NOT NULL,
    seed INTEGER NOT NULL,                      -- UInt64 kept as its Int64 bit pattern
    latency_ms INTEGER NOT NULL
);
