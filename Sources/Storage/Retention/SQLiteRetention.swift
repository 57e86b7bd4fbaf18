import AgentCore
import Crypto
import Foundation

/// `RetentionRepository` on SQLite. A purge rewrites the case row in place: the sealed
/// data keeps only the dates `CasePurgeRules` keeps (sealed again, under a new nonce),
/// the SSN blind index and the client's employee id are emptied, kept Idempotency-Key
/// answers of the case are deleted, and the report line and audit entry commit with it.
/// `secure_delete` (on for every writing connection) zeroes the old bytes in the
/// database pages; `flushDeleted` empties the write-ahead log that still holds them.
public final class SQLiteRetention: RetentionRepository {
    let database: Database
    let cipher: FieldCipher
    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()
    /// The case repository's memo of its recent writes: a purged case leaves it at once.
    let recentCaseWrites: RecentCaseWrites?

    /// `cases`: the repository of the same database, whose in-memory copies of recently
    /// written cases a purge must drop.
    public init(database: Database, cipher: FieldCipher, cases: SQLiteCaseRepository? = nil) {
        self.database = database
        self.cipher = cipher
        self.recentCaseWrites = cases?.recentWrites
    }

    /// The condition of the partial index `cases_retention` (migration 0014): a query
    /// repeating it walks the index.
    static let indexed = "json_extract(progress, '$.retentionUntil') IS NOT NULL AND json_extract(progress, '$.purge') IS NULL"

    public func dueForPurge(today: CivilDate, limit: Int) async throws -> [String] {
        try await database.read { db in
            try db.query("""
                SELECT case_number FROM cases WHERE \(Self.indexed)
                  AND json_extract(progress, '$.retentionUntil') < ? AND json_extract(progress, '$.legalHold') IS NULL
                ORDER BY json_extract(progress, '$.retentionUntil') LIMIT ?
                """, [.text(today.iso), SQLValue(limit)]) { $0.string(at: 0) ?? "" }
        }
    }

    public func purge(_ caseNumber: String, today: CivilDate, audit: AuditEvent) async throws -> PurgeRecord? {
        let cipher = self.cipher
        // Dropped before (no action starts from the old copy once the purge commits) and
        // after (a change that committed meanwhile remembered the case unpurged),
        // whatever the outcome: only a read can tell what the purge left.
        recentCaseWrites?.forget(caseNumber)
        defer { recentCaseWrites?.forget(caseNumber) }
        return try await database.write { db in
            guard let (clientID, sealed, progressText) = try db.queryFirst(
                "SELECT client_id, data, progress FROM cases WHERE case_number = ?", [.text(caseNumber)],
                row: { (ClientID($0.string(at: 0) ?? ""), $0.blob(at: 1) ?? [], $0.string(at: 2) ?? "") }) else { return nil }
            var progress = try CaseProgressJSON.decode(progressText)
            // Checked again inside the transaction: a hold or a new termination date set
            // since the job listed the case wins.
            guard Retention.isDue(progress, today: today), let until = progress.retentionUntil else { return nil }
            let context = Array("case:\(caseNumber)".utf8)
            let input = try CaseInputCodec.decode(try cipher.open(sealed, context: context))
            let (kept, deleted) = CasePurgeRules.purged(input)
            let now = UTCTime.nowISO()
            progress.purge = CasePurge(at: now, on: today)
            let progressJSON = String(decoding: try Self.encoder.encode(progress), as: UTF8.self)
            try db.execute("""
                UPDATE cases SET data = ?, ssn_index = x'', employer_case_id = NULL, progress = ?, updated_at = ?
                WHERE case_number = ?
                """, [.blob(try cipher.seal(try CaseInputCodec.encode(kept), context: context)), .text(progressJSON), .text(now),
                      .text(caseNumber)])
            try db.execute("DELETE FROM idempotency_keys WHERE case_number = ?", [.text(caseNumber)])
            // The case's items settle, staged or in the queue.
            try WorkItemRows.replace(on: db, subject: WorkSubject(.case, caseNumber), items: [])
            let record = PurgeRecord(caseNumber: caseNumber, clientID: clientID, purgedAt: now, purgedOn: today, retentionUntil: until,
                                     fields: deleted)
            try db.execute("""
                INSERT INTO purge_reports (case_number, client_id, purged_at, purged_on, retention_until, fields) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(caseNumber), .text(clientID.rawValue), .text(now), .text(today.iso), .text(until.iso),
                      .text(String(decoding: try Self.encoder.encode(deleted), as: UTF8.self))])
            var event = audit
            event.objectID = caseNumber
            event.clientID = clientID
            event.changes = [FieldChange(field: "retention_until", before: nil, after: until.iso)]
                + deleted.map { FieldChange(field: $0, before: "***", after: nil) }
            _ = try AuditLog.append(event, on: db, at: now)
            return record
        }
    }

    public func flushDeleted() async throws -> Bool {
        try await database.writer.writeWithoutTransaction { db in
            // Rows: busy (1 when readers kept the log from being emptied), log frames, frames copied.
            let busy = try db.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)") { $0.int64(at: 0) } ?? 1
            return busy == 0
        }
    }

    public func purgeReports(scope: AccessScope, clientID: ClientID?, from: CivilDate?, to: CivilDate?,
                             limit: Int) async throws -> [PurgeRecord] {
        let filter = RowCodec.scopeFilter(scope)
        var sql = "SELECT case_number, client_id, purged_at, purged_on, retention_until, fields FROM purge_reports WHERE 1 = 1\(filter.sql)"
        var parameters = filter.parameters
        if let clientID {
            sql += " AND client_id = ?"
            parameters.append(.text(clientID.rawValue))
        }
        if let from {
            sql += " AND purged_on >= ?"
            parameters.append(.text(from.iso))
        }
        if let to {
            sql += " AND purged_on <= ?"
            parameters.append(.text(to.iso))
        }
        sql += " ORDER BY purged_on, case_number LIMIT ?"
        parameters.append(SQLValue(limit))
        let (query, values) = (sql, parameters)
        return try await database.read { db in
            try db.query(query, values) { row in
                guard let on = RowCodec.date(row.string(at: 3)), let until = RowCodec.date(row.string(at: 4)) else {
                    throw RowDecodingError.invalid(column: "purge_reports")
                }
                let fields = try Self.decoder.decode([String].self, from: Data((row.string(at: 5) ?? "[]").utf8))
                return PurgeRecord(caseNumber: row.string(at: 0) ?? "", clientID: ClientID(row.string(at: 1) ?? ""),
                                   purgedAt: row.string(at: 2) ?? "", purgedOn: on, retentionUntil: until, fields: fields)
            }
        }
    }
}
