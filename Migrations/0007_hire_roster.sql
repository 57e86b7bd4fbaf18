-- HIRE-5: the client's hire roster, reconciled against cases. Names and SSN are sealed
-- (AES-256-GCM); the SSN is matched through the same blind index as cases.
CREATE TABLE hires (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients(id),
    employee_id TEXT NOT NULL,          -- the client's own HR identifier (matches employer_case_id)
    date_of_hire TEXT NOT NULL,         -- first day of work for pay
    ssn_index BLOB,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (client_id, employee_id)
);
CREATE INDEX hires_client ON hires(client_id, date_of_hire);
