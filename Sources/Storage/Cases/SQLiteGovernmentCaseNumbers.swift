import AgentCore

/// `GovernmentCaseNumbers` in SQLite. A case number is not personal data: stored plain.
public final class SQLiteGovernmentCaseNumbers: GovernmentCaseNumbers {
    let database: Database
    public init(database: Database) { self.database = database }

    /// A second number for the same case replaces the first (the government side lost
    /// the first draft and a new one was created).
    public func record(agentCaseNumber: String, governmentCaseNumber: String) async throws {
        try await database.write { db in
            try db.execute("""
                INSERT INTO government_case_numbers (agent_case_number, government_case_number, recorded_at) VALUES (?, ?, ?)
                ON CONFLICT (agent_case_number) DO UPDATE SET government_case_number = excluded.government_case_number,
                recorded_at = excluded.recorded_at
                """, [.text(agentCaseNumber), .text(governmentCaseNumber), .text(UTCTime.nowISO())])
        }
    }

    public func governmentCaseNumber(for agentCaseNumber: String) async throws -> String? {
        try await database.read { db in
            try db.scalar("SELECT government_case_number FROM government_case_numbers WHERE agent_case_number = ?",
                          [.text(agentCaseNumber)])?.stringValue
        }
    }

    public func agentCaseNumber(for governmentCaseNumber: String) async throws -> String? {
        try await database.read { db in
            try db.scalar("SELECT agent_case_number FROM government_case_numbers WHERE government_case_number = ?",
                          [.text(governmentCaseNumber)])?.stringValue
        }
    }
}
