import AgentCore
import Crypto
import Foundation

/// `CaseRepository` on SQLite. The employee data is sealed with AES-256-GCM (the case
/// number as associated data, so a blob cannot be moved to another case); duplicates are
/// found by an HMAC-SHA256 blind index of the SSN, never by decrypting.
public final class SQLiteCaseRepository: CaseRepository {
    let database: Database
    let cipher: FieldCipher
    let indexKey: [UInt8]
    /// Keeps the work queue in step with every case write (nil: no queue, as in unit tests).
    let workItems: WorkItemPlanner?
    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    /// `indexKey` keys the SSN blind index; derive it from the field key, never reuse it raw.
    public init(database: Database, cipher: FieldCipher, indexKey: [UInt8], workItems: WorkItemPlanner? = nil) {
        self.database = database
        self.cipher = cipher
        self.indexKey = indexKey
        self.workItems = workItems
    }

    func ssnIndex(_ ssn: String) -> [UInt8] {
        HMAC.sha256(key: indexKey, data: Array(ssn.filter(\.isNumber).utf8))
    }

    static let columns = "rowid, case_number, client_id, created_by, data, progress, created_at, updated_at"

    func row(_ row: Statement) throws -> (rowid: Int64, item: StoredCase) {
        let number = row.string(at: 1) ?? ""
        let sealed = row.blob(at: 4) ?? []
        let plain = try cipher.open(sealed, context: Array("case:\(number)".utf8))
        guard let progressText = row.string(at: 5) else { throw RowDecodingError.invalid(column: "cases.progress") }
        let progress = try Self.decoder.decode(CaseProgress.self, from: Data(progressText.utf8))
        let stored = StoredCase(caseNumber: number, clientID: ClientID(row.string(at: 2) ?? ""), createdBy: UserID(row.string(at: 3) ?? ""),
                                input: try CaseInputCodec.decode(plain), progress: progress,
                                createdAt: row.string(at: 6) ?? "", updatedAt: row.string(at: 7) ?? "")
        return (row.int64(at: 0), stored)
    }

    func sealed(_ input: CaseInput, caseNumber: String) throws -> [UInt8] {
        try cipher.seal(try CaseInputCodec.encode(input), context: Array("case:\(caseNumber)".utf8))
    }

    static func progressJSON(_ progress: CaseProgress) throws -> String {
        String(decoding: try encoder.encode(progress), as: UTF8.self)
    }

    public func create(clientID: ClientID, createdBy: UserID, input: CaseInput, ssn: String, today: CivilDate, audit: AuditEvent,
                       admit: @escaping @Sendable ([DuplicateCandidate]) throws -> Void) async throws -> StoredCase {
        let index = ssnIndex(ssn)
        return try await database.write { db in
            try admit(try Self.duplicates(db, clientID: clientID, index: index))
            let number = try Self.nextCaseNumber(db, today: today)
            let now = UTCTime.nowISO()
            let progress = CaseProgress(createdOn: today)
            try db.execute("""
                INSERT INTO cases (case_number, client_id, created_by, employer_case_id, status, ssn_index, data, progress,
                                   created_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(number), .text(clientID.rawValue), .text(createdBy.rawValue), SQLValue(input.employerCaseID),
                      .text(progress.status.rawValue), .blob(index), .blob(try self.sealed(input, caseNumber: number)),
                      .text(try Self.progressJSON(progress)), .text(today.iso), .text(now), .text(now)])
            var event = audit
            event.objectID = number
            event.clientID = clientID
            event.changes = [FieldChange(field: "case_status", before: nil, after: progress.status.rawValue)]
                + CaseChanges.fields(before: nil, after: input)
            try AuditLog.append(event, on: db, at: now)
            let stored = StoredCase(caseNumber: number, clientID: clientID, createdBy: createdBy, input: input, progress: progress,
                                    createdAt: now, updatedAt: now)
            try self.workItems?.caseChanged(stored, on: db)
            return stored
        }
    }

    /// `YYYY` + day of year + a 6-digit daily sequence + 2 letters: 15 characters, like the program's.
    static func nextCaseNumber(_ db: Connection, today: CivilDate) throws -> String {
        let day = today.iso
        try db.execute("INSERT INTO case_number_sequence (day, next) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET next = next + 1",
                       [.text(day)])
        let sequence = try db.scalar("SELECT next FROM case_number_sequence WHERE day = ?", [.text(day)])?.int64Value ?? 1
        let dayOfYear = today.dayNumber - (CivilDate(year: today.year, month: 1, day: 1)?.dayNumber ?? today.dayNumber) + 1
        let letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        let suffix = (0..<2).map { _ in String(letters.randomElement() ?? "A") }.joined()
        return String(format: "%04d%03d%06lld", today.year, dayOfYear, sequence) + suffix
    }

    static func duplicates(_ db: Connection, clientID: ClientID, index: [UInt8]) throws -> [DuplicateCandidate] {
        try db.query("SELECT case_number, status, created_on FROM cases WHERE client_id = ? AND ssn_index = ?",
                     [.text(clientID.rawValue), .blob(index)]) { row in
            DuplicateCandidate(caseNumber: row.string(at: 0) ?? "", status: CaseStatus(rawValue: row.string(at: 1) ?? "") ?? .closed,
                               createdOn: RowCodec.date(row.string(at: 2)) ?? .referenceDate)
        }
    }

    public func duplicates(clientID: ClientID, ssn: String) async throws -> [DuplicateCandidate] {
        let index = ssnIndex(ssn)
        return try await database.read { db in try Self.duplicates(db, clientID: clientID, index: index) }
    }

    public func find(_ caseNumber: String, scope: AccessScope) async throws -> StoredCase? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.columns) FROM cases WHERE case_number = ?\(filter.sql)",
                              [.text(caseNumber)] + filter.parameters) { try self.row($0).item }
        }
    }

    public func list(scope: AccessScope, clientID: ClientID?, status: CaseStatus?, limit: Int, after cursor: String?) async throws -> Page<StoredCase> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let filter = RowCodec.scopeFilter(scope)
        var sql = "SELECT \(Self.columns) FROM cases WHERE rowid > ?\(filter.sql)"
        var parameters: [SQLValue] = [.integer(after)] + filter.parameters
        if let clientID {
            sql += " AND client_id = ?"
            parameters.append(.text(clientID.rawValue))
        }
        if let status {
            sql += " AND status = ?"
            parameters.append(.text(status.rawValue))
        }
        sql += " ORDER BY rowid LIMIT ?"
        parameters.append(SQLValue(limit + 1))
        let (query, values) = (sql, parameters)
        return try await database.read { db in RowCodec.page(try db.query(query, values) { try self.row($0) }, limit: limit) }
    }

    public func update(_ caseNumber: String, scope: AccessScope, audit: AuditEvent,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            guard let current = try db.queryFirst("SELECT \(Self.columns) FROM cases WHERE case_number = ?\(filter.sql)",
                                                  [.text(caseNumber)] + filter.parameters, row: { try self.row($0).item }) else {
                throw RepositoryError.notFound
            }
            var updated = current
            try transform(&updated)
            let now = UTCTime.nowISO()
            updated.updatedAt = now
            let ssn = updated.input.ssn ?? current.input.ssn ?? ""
            try db.execute("""
                UPDATE cases SET employer_case_id = ?, status = ?, ssn_index = ?, data = ?, progress = ?, updated_at = ?
                WHERE case_number = ?
                """, [SQLValue(updated.input.employerCaseID), .text(updated.progress.status.rawValue), .blob(self.ssnIndex(ssn)),
                      .blob(try self.sealed(updated.input, caseNumber: caseNumber)), .text(try Self.progressJSON(updated.progress)),
                      .text(now), .text(caseNumber)])
            // The submission queue holds a case exactly while it is QUEUED, in this same transaction.
            if updated.progress.status == .queued && current.progress.status != .queued {
                let now = UTCTime.nowMilliseconds()
                try db.execute("INSERT OR IGNORE INTO submission_queue (case_number, enqueued_at_ms, next_attempt_at_ms) VALUES (?, ?, ?)",
                               [.text(caseNumber), .integer(now), .integer(now)])
            } else if updated.progress.status != .queued && current.progress.status == .queued {
                try db.execute("DELETE FROM submission_queue WHERE case_number = ?", [.text(caseNumber)])
            }
            if updated.progress.status != current.progress.status {
                try db.execute("INSERT INTO case_changes (case_number, client_id, changed_at) VALUES (?, ?, ?) "
                               + "ON CONFLICT(case_number) DO UPDATE SET changed_at = excluded.changed_at",
                               [.text(caseNumber), .text(current.clientID.rawValue), .text(now)])
            }
            var event = audit
            event.objectID = caseNumber
            event.clientID = current.clientID
            event.changes = audit.changes + CaseChanges.progress(before: current.progress, after: updated.progress)
                + CaseChanges.fields(before: current.input, after: updated.input)
            try AuditLog.append(event, on: db, at: now)
            try self.workItems?.caseChanged(updated, on: db)
            return updated
        }
    }

    public func changedCases(scope: AccessScope, limit: Int) async throws -> [StoredCase] {
        let filter = RowCodec.scopeFilter(scope, column: "c.client_id")
        return try await database.read { db in
            try db.query("""
                SELECT c.rowid, c.case_number, c.client_id, c.created_by, c.data, c.progress, c.created_at, c.updated_at
                FROM case_changes x JOIN cases c ON c.case_number = x.case_number WHERE 1 = 1\(filter.sql)
                ORDER BY x.changed_at LIMIT ?
                """, filter.parameters + [SQLValue(limit)]) { try self.row($0).item }
        }
    }

    public func acknowledgeChanges(scope: AccessScope, caseNumbers: [String]) async throws -> Int {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            var count = 0
            for number in caseNumbers {
                try db.execute("DELETE FROM case_changes WHERE case_number = ?\(filter.sql)", [.text(number)] + filter.parameters)
                count += db.changes
            }
            return count
        }
    }

    public func history(_ caseNumber: String, scope: AccessScope) async throws -> [CaseHistoryEntry]? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            guard try db.scalar("SELECT 1 FROM cases WHERE case_number = ?\(filter.sql)", [.text(caseNumber)] + filter.parameters) != nil else {
                return nil
            }
            return try db.query("""
                SELECT at, actor_type, actor_id, action, changes, request_id FROM audit_log
                WHERE object_type = 'case' AND object_id = ? ORDER BY id
                """, [.text(caseNumber)]) { row in
                CaseHistoryEntry(at: row.string(at: 0) ?? "", actorType: row.string(at: 1) ?? "", actorID: row.string(at: 2),
                                 action: row.string(at: 3) ?? "", changes: row.string(at: 4) ?? "[]", requestID: row.string(at: 5))
            }
        }
    }
}
