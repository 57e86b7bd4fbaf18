-- Compliance records (API.md "Federal contractors", "Incidents", "The agent's duties").
-- Personal data (assigned employees' names and SSN, incident descriptions) is sealed
-- with the field cipher; SSNs are matched to cases through the blind index.

-- FED-1, FED-3, FED-4: a client's standing as a federal contractor, beside its profile.
CREATE TABLE client_federal_profiles (
    client_id TEXT PRIMARY KEY REFERENCES clients(id),
    enrolled_on TEXT,                  -- YYYY-MM-DD
    contractor_category TEXT NOT NULL DEFAULT 'STANDARD',
    workforce_elected_on TEXT,         -- YYYY-MM-DD
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE federal_contracts (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    contract_number TEXT NOT NULL,
    award_date TEXT NOT NULL,
    end_date TEXT,
    verify_scope TEXT NOT NULL,        -- ALL_NEW_HIRES | ASSIGNED_ONLY (FED-3)
    created_at TEXT NOT NULL,
    created_by TEXT,
    UNIQUE (client_id, contract_number)
);

-- FED-2: employees assigned to a contract; `data` seals names and SSN.
CREATE TABLE contract_employees (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES federal_contracts(id),
    client_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    assigned_on TEXT NOT NULL,
    ssn_index BLOB NOT NULL,
    ssn_last4 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    UNIQUE (contract_id, employee_id)
);
CREATE INDEX contract_employees_client ON contract_employees(client_id);

-- FED-4: the existing-employee cases a client created, the start of its workforce verification.
CREATE TABLE workforce_verification_starts (
    client_id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    created_on TEXT NOT NULL,
    PRIMARY KEY (client_id, case_number)
) WITHOUT ROWID;

-- SEC-2: incidents; `data` seals the description (it may name people).
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    discovered_at TEXT NOT NULL,
    suspected INTEGER NOT NULL,
    data BLOB NOT NULL,
    clients_affected TEXT NOT NULL,    -- JSON array of client ids
    records_affected INTEGER NOT NULL,
    contained_at TEXT,
    reported_at TEXT,
    reported_to TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT
);

-- AGT-2: user manual versions and each client's acknowledgment (due within 30 days).
CREATE TABLE manual_versions (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    released_on TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT
);
CREATE TABLE manual_acknowledgments (
    version_id TEXT NOT NULL REFERENCES manual_versions(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    acknowledged_at TEXT NOT NULL,
    acknowledged_by TEXT,
    PRIMARY KEY (version_id, client_id)
) WITHOUT ROWID;

-- AGT-3: DHS/SSA contact details of the agent's staff (client_id NULL) and of clients' staff.
CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    client_id TEXT REFERENCES clients(id),
    name TEXT NOT NULL,
    role TEXT,
    email TEXT,
    phone TEXT,
    kind TEXT NOT NULL,                -- PROGRAM_ADMIN | HR | LEGAL
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts(client_id);
