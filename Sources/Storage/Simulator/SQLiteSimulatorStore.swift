import AgentCore
import Foundation

/// `SimulatorStore` on SQLite (tables of `Migrations/0003_simulator.sql`): reads on the
/// reader threads, each change one write job, so it commits whole with the batch.
public final class SQLiteSimulatorStore: SimulatorStore {
    let database: Database

    public init(database: Database) { self.database = database }

    // MARK: Settings

    public func loadSettings() async throws -> SimulatorSettings {
        try await database.read { db in
            let outages = try db.query("SELECT from_ms, to_ms FROM simulator_outages ORDER BY id") {
                SimulatedOutage(fromMs: $0.int64(at: 0), toMs: $0.int64(at: 1))
            }
            let stored = try db.queryFirst("SELECT clock_offset_days, error_rate, seed, latency_ms FROM simulator_settings WHERE id = 1") {
                SimulatorSettings(
                    clockOffsetDays: $0.int(at: 0),
                    faults: SimulatedFaults(errorRate: $0.double(at: 1), seed: UInt64(bitPattern: $0.int64(at: 2)), latencyMs: $0.int(at: 3)))
            }
            var settings = stored ?? SimulatorSettings()
            settings.outages = outages
            return settings
        }
    }

    public func saveSettings(_ settings: SimulatorSettings) async throws {
        try await database.write { db in
            try db.execute("""
                INSERT INTO simulator_settings (id, clock_offset_days, error_rate, seed, latency_ms) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET clock_offset_days = excluded.clock_offset_days, error_rate = excluded.error_rate,
                    seed = excluded.seed, latency_ms = excluded.latency_ms
                """, [SQLValue(settings.clockOffsetDays), SQLValue(settings.faults.errorRate),
                      .integer(Int64(bitPattern: settings.faults.seed)), SQLValue(settings.faults.latencyMs)])
            try db.execute("DELETE FROM simulator_outages", [])
            for outage in settings.outages {
                try db.execute("INSERT INTO simulator_outages (from_ms, to_ms) VALUES (?, ?)",
                               [.integer(outage.fromMs), .integer(outage.toMs)])
            }
        }
    }

    // MARK: People

    public func person(ssn: String) async throws -> SimulatedPerson? {
        try await database.read { db in
            try db.queryFirst(Self.personBySSN, [.text(ssn)]) { try SimulatorRows.person(from: $0) }
        }
    }

    public func people() async throws -> [SimulatedPerson] {
        try await database.read { db in
            try db.query("SELECT \(SimulatorRows.personColumns) FROM simulator_people ORDER BY ssn") { try SimulatorRows.person(from: $0) }
        }
    }

    public func savePerson(_ person: SimulatedPerson) async throws {
        try await database.write { db in
            try db.execute("INSERT OR REPLACE INTO simulator_people (\(SimulatorRows.personColumns)) VALUES (\(Self.placeholders(SimulatorRows.personColumnCount)))",
                           SimulatorRows.personValues(person))
        }
    }

    public func insertPeopleIfAbsent(_ people: [SimulatedPerson]) async throws -> Int {
        try await database.write { db in
            var inserted = 0
            for person in people {
                try db.execute("""
                    INSERT INTO simulator_people (\(SimulatorRows.personColumns)) VALUES (\(Self.placeholders(SimulatorRows.personColumnCount)))
                    ON CONFLICT (ssn) DO NOTHING
                    """, SimulatorRows.personValues(person))
                inserted += db.changes
            }
            return inserted
        }
    }

    // MARK: Cases and jobs

    /// Cases with their person's columns after them (all NULL when none matches).
    static let caseFileSelect = """
        SELECT \(SimulatorRows.caseColumns), \(SimulatorRows.personColumns.split(separator: ",")
            .map { "p." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
        FROM simulator_cases c LEFT JOIN simulator_people p ON p.ssn = c.person_ssn
        """

    public func caseFile(caseNumber: String) async throws -> SimulatedCaseFile? {
        try await database.read { db in
            try db.queryFirst(Self.caseFileByNumber, [.text(caseNumber)]) { try SimulatorRows.caseFile(from: $0) }
        }
    }

    /// The submission's two lookups on one reader trip (it is on every case's path).
    public func submissionFile(caseNumber: String, ssn: String) async throws -> (existing: SimulatedCaseFile?, person: SimulatedPerson?) {
        try await database.read { db in
            if let existing = try db.queryFirst(Self.caseFileByNumber, [.text(caseNumber)], row: { try SimulatorRows.caseFile(from: $0) }) {
                return (existing, nil)
            }
            return (nil, try db.queryFirst(Self.personBySSN, [.text(ssn)]) { try SimulatorRows.person(from: $0) })
        }
    }

    static let caseFileByNumber = "\(caseFileSelect) WHERE c.case_number = ?"
    static let personBySSN = "SELECT \(SimulatorRows.personColumns) FROM simulator_people WHERE ssn = ?"

    public func caseFilesWithJobs(dueThrough date: CivilDate) async throws -> [SimulatedCaseFile] {
        try await database.read { db in
            try db.query("\(Self.caseFileSelect) WHERE c.job_due IS NOT NULL AND c.job_due <= ? ORDER BY c.job_due, c.case_number",
                         [.text(date.iso)]) { try SimulatorRows.caseFile(from: $0) }
        }
    }

    public func pendingJobs() async throws -> [SimulatedJob] {
        try await database.read { db in
            try db.query("""
                SELECT case_number, job_kind, job_due FROM simulator_cases WHERE job_due IS NOT NULL ORDER BY job_due, case_number
                """) { row in
                guard let kind = SimulatedJob.Kind(rawValue: row.string(at: 1) ?? ""), let due = RowCodec.date(row.string(at: 2)) else {
                    throw RowDecodingError.invalid(column: "simulator_cases.job_kind")
                }
                return SimulatedJob(caseNumber: row.string(at: 0) ?? "", kind: kind, due: due)
            }
        }
    }

    public func commit(_ changes: SimulatorChanges) async throws {
        guard !changes.isEmpty else { return }
        try await database.write(try Self.statements(changes))
    }

    /// A submission's record joins the agent's case transaction (same database).
    public func attachable(_ changes: SimulatorChanges) throws -> (any AttachedWrite)? {
        SQLiteAttachedWrite(database: database, apply: try Self.statements(changes))
    }

    /// The writes of `changes`, encoded now: JSON work stays off the writer thread.
    static func statements(_ changes: SimulatorChanges) throws -> @Sendable (Connection) throws -> Void {
        let caseRows = try changes.cases.map(SimulatorRows.caseValues)
        let updates = changes.updates
        return { db in
            for values in caseRows {
                try db.execute(Self.replaceCase, values)
            }
            for update in updates {
                try db.execute("INSERT INTO simulator_updates (case_number, result, on_date, employee_contacted) VALUES (?, ?, ?, ?)",
                               [.text(update.caseNumber), .text(update.result.simulationCode), .text(update.on.iso),
                                SQLValue(update.employeeContacted)])
            }
        }
    }

    static let replaceCase = """
        INSERT OR REPLACE INTO simulator_cases (case_number, person_ssn, facts, stage, result, mismatch, data_confirmed,
            reviewed, photo_answer, referral, closure_reason, submitted_on, job_kind, job_due)
        VALUES (\(placeholders(SimulatorRows.caseColumnCount)))
        """

    // MARK: Updates

    public func pendingUpdates() async throws -> [SimulatedUpdateRecord] {
        try await database.read { db in
            try db.query("SELECT sequence, case_number, result, on_date, employee_contacted FROM simulator_updates ORDER BY sequence") {
                try SimulatorRows.update(from: $0)
            }
        }
    }

    public func removeUpdates(caseNumbers: [String], throughSequence sequence: Int64) async throws {
        guard !caseNumbers.isEmpty else { return }
        try await database.write { db in
            for caseNumber in Set(caseNumbers) {
                try db.execute("DELETE FROM simulator_updates WHERE case_number = ? AND sequence <= ?",
                               [.text(caseNumber), .integer(sequence)])
            }
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
