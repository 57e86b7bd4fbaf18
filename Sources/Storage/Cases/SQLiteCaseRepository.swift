import AgentCore
import Crypto
import Foundation

/// `CaseRepository` on SQLite. The employee data is sealed with AES-256-GCM (the case
/// number as associated data, so a blob cannot be moved to another case); duplicates are
/// found by an HMAC-SHA256 blind index of the SSN, never by decrypting.
///
/// Every change is prepared off the writer thread (validation has run already; here the
/// sealing, the history diff, the audit entry's content and the kept answer) and the
/// writer only runs the statements and links the audit chain. An update starts from the
/// case as read on a reader (or as this repository wrote it moments ago, `RecentCaseWrites`)
/// and writes it back only if its sealed data is still that one (a fresh nonce seals every
/// write, so the blob is a version); otherwise it starts again from the newer state.
public final class SQLiteCaseRepository: CaseRepository {
    let database: Database
    let cipher: FieldCipher
    let indexKey: [UInt8]
    let numbers: CaseNumberAllocator
    /// Keeps the work queue in step with every case write (nil: no queue, as in unit tests).
    let workItems: WorkItemPlanner?
    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()
    /// Attempts of an update that keeps meeting concurrent changes to the same case.
    static let maxUpdateAttempts = 16
    /// What this repository committed lately, for the next action on the same case.
    let recentWrites = RecentCaseWrites()

    /// `indexKey` keys the SSN blind index; derive it from the field key, never reuse it raw.
    public init(database: Database, cipher: FieldCipher, indexKey: [UInt8], workItems: WorkItemPlanner? = nil) {
        self.database = database
        self.cipher = cipher
        self.indexKey = indexKey
        self.numbers = CaseNumberAllocator(database: database)
        self.workItems = workItems
    }

    func ssnIndex(_ ssn: String) -> [UInt8] {
        HMAC.sha256(key: indexKey, data: Array(ssn.filter(\.isNumber).utf8))
    }

    static let columns = "rowid, case_number, client_id, created_by, data, progress, created_at, updated_at"

    /// The case of a row; its `version` is the sealed data it was read from (what an
    /// update expects to find still there).
    func row(_ row: Statement) throws -> (rowid: Int64, item: StoredCase) {
        let number = row.string(at: 1) ?? ""
        let sealed = row.blob(at: 4) ?? []
        let plain = try cipher.open(sealed, context: Array("case:\(number)".utf8))
        guard let progressText = row.string(at: 5) else { throw RowDecodingError.invalid(column: "cases.progress") }
        let progress = try CaseProgressJSON.decode(progressText)
        let stored = StoredCase(caseNumber: number, clientID: ClientID(row.string(at: 2) ?? ""), createdBy: UserID(row.string(at: 3) ?? ""),
                                input: try CaseInputCodec.decode(plain), progress: progress,
                                createdAt: row.string(at: 6) ?? "", updatedAt: row.string(at: 7) ?? "", version: sealed)
        return (row.int64(at: 0), stored)
    }

    func sealed(_ input: CaseInput, caseNumber: String) throws -> [UInt8] {
        try cipher.seal(try CaseInputCodec.encode(input), context: Array("case:\(caseNumber)".utf8))
    }

    static func progressJSON(_ progress: CaseProgress) throws -> String {
        try CaseProgressJSON.string(progress)
    }

    func keptAnswer(_ receipt: CaseChangeReceipt?, for stored: StoredCase) throws -> SQLiteIdempotencyRepository.SealedAnswer? {
        guard let receipt else { return nil }
        return try SQLiteIdempotencyRepository.SealedAnswer(receipt.claim, try receipt.answer(stored), caseNumber: stored.caseNumber,
                                                            cipher: cipher)
    }

    public func create(clientID: ClientID, createdBy: UserID, input: CaseInput, ssn: String, today: CivilDate, audit: AuditEvent,
                       receipt: CaseChangeReceipt?,
                       admit: @escaping @Sendable ([DuplicateCandidate]) throws -> Void) async throws -> StoredCase {
        let index = ssnIndex(ssn)
        let number = Self.caseNumber(today: today, sequence: try await numbers.next(on: today))
        let now = UTCTime.nowISO()
        let progress = CaseProgress(createdOn: today)
        let sealedData = try sealed(input, caseNumber: number)
        let stored = StoredCase(caseNumber: number, clientID: clientID, createdBy: createdBy, input: input, progress: progress,
                                createdAt: now, updatedAt: now, version: sealedData)
        let progressJSON = try Self.progressJSON(progress)
        let values: [SQLValue] = [.text(number), .text(clientID.rawValue), .text(createdBy.rawValue), SQLValue(input.employerCaseID),
                                  .text(progress.status.rawValue), .blob(index), .blob(sealedData),
                                  .text(progressJSON), .text(today.iso), .text(now), .text(now)]
        var event = audit
        event.objectID = number
        event.clientID = clientID
        event.changes = [FieldChange(field: "case_status", before: nil, after: progress.status.rawValue)]
            + CaseChanges.fields(before: nil, after: input)
        let entry = AuditLog.prepare(event, at: now)
        let created = event
        let keptAnswer = try keptAnswer(receipt, for: stored)
        let written = try await database.write { db in
            try admit(try Self.duplicates(db, clientID: clientID, index: index))
            var stored = stored, values = values, progressJSON = progressJSON, answer = keptAnswer
            var retention: AuditLog.PreparedEntry?
            let hires = try Self.rosterHires(db, clientID: clientID, employeeID: input.employerCaseID, index: index)
            // RET-1: an employee the roster already shows as gone dates the case at once, in
            // the creation's own transaction (rare: the encoding is redone here only then).
            if let hire = try Self.terminatedHire(hires) {
                let before = stored.progress
                Retention.apply(terminatedOn: hire.terminatedOn, caseDateOfHire: input.dateOfHire, rosterDateOfHire: hire.dateOfHire,
                                to: &stored.progress)
                progressJSON = try Self.progressJSON(stored.progress)
                values[7] = .text(progressJSON)
                answer = try self.keptAnswer(receipt, for: stored)
                var dated = created
                dated.action = "case.retention"
                dated.changes = CaseChanges.progress(before: before, after: stored.progress)
                retention = AuditLog.prepare(dated, at: now)
            }
            try db.execute("""
                INSERT INTO cases (case_number, client_id, created_by, employer_case_id, status, ssn_index, data, progress,
                                   created_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values)
            try SQLiteCaseEventOutbox.appendForReceivers(CaseEventKind.raised(from: nil, to: progress.status), on: db, clientID: clientID.rawValue,
                                             caseNumber: number, at: now, progressJSON: progressJSON)
            try AuditLog.append(entry, on: db)
            if let retention { try AuditLog.append(retention, on: db) }
            try answer?.insert(on: db)
            try self.workItems?.caseChanged(stored, .created(matchingHires: hires.map(\.id)), on: db)
            return stored
        }
        recentWrites.remember(written)
        return written
    }

    /// A roster row of the employee a new case is for, as the creation needs it (the dates
    /// as stored; `terminatedHire` reads them).
    struct RosterHire {
        let id: String
        let terminationDate: String?
        let dateOfHire: String?
    }

    /// The roster hires of the employee a new case is for, matched by the client's employee
    /// id, then by the SSN's blind index (as `RosterTerminationRepository` and HIRE-5
    /// match): one read serves both the termination (RET-1) and the hire's settled item.
    static func rosterHires(_ db: Connection, clientID: ClientID, employeeID: String?, index: [UInt8]) throws -> [RosterHire] {
        try db.query("""
            SELECT id, termination_date, date_of_hire FROM hires WHERE client_id = ? AND employee_id = ?
            UNION ALL
            SELECT id, termination_date, date_of_hire FROM hires WHERE client_id = ? AND ssn_index = ?
            """, [.text(clientID.rawValue), SQLValue(employeeID), .text(clientID.rawValue), .blob(index)]) { row in
            RosterHire(id: row.string(at: 0) ?? "", terminationDate: row.string(at: 1), dateOfHire: row.string(at: 2))
        }
    }

    /// The first of `hires` that the roster shows as gone; a stored date that does not
    /// read is an error, not a hire still employed.
    static func terminatedHire(_ hires: [RosterHire]) throws -> (terminatedOn: CivilDate, dateOfHire: CivilDate)? {
        guard let hire = hires.first(where: { $0.terminationDate != nil }) else { return nil }
        guard let terminated = RowCodec.date(hire.terminationDate), let hired = RowCodec.date(hire.dateOfHire) else {
            throw RowDecodingError.invalid(column: "hires.termination_date")
        }
        return (terminated, hired)
    }

    /// `YYYY` + day of year + a 6-digit daily sequence + 2 letters: 15 characters, like the program's.
    static func caseNumber(today: CivilDate, sequence: Int64) -> String {
        let dayOfYear = today.dayNumber - (CivilDate(year: today.year, month: 1, day: 1)?.dayNumber ?? today.dayNumber) + 1
        // One draw from the system generator for both letters (it is a system call); the
        // bias of 2^32 mod 24 over 2^32 is nil for a suffix that only makes numbers unlike.
        var generator = SystemRandomNumberGenerator()
        let draw = generator.next()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(17)
        appendDigits(today.year, width: 4, to: &bytes)
        appendDigits(dayOfYear, width: 3, to: &bytes)
        appendDigits(Int(sequence), width: 6, to: &bytes)
        bytes.append(caseNumberLetters[Int(UInt32(truncatingIfNeeded: draw) % 24)])
        bytes.append(caseNumberLetters[Int(UInt32(truncatingIfNeeded: draw >> 32) % 24)])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The suffix's letters: no I or O, which read as digits.
    private static let caseNumberLetters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    /// `value` in decimal, zero-padded to at least `width` digits (a wider value keeps all of them).
    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var rest = Swift.max(value, 0), count = 1
        while rest >= 10 { rest /= 10; count += 1 }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Swift.max(width, count)))
        rest = Swift.max(value, 0)
        var position = bytes.count - 1
        repeat {
            bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        } while rest > 0
    }

    static func duplicates(_ db: Connection, clientID: ClientID, index: [UInt8]) throws -> [DuplicateCandidate] {
        try db.query("SELECT case_number, status, created_on, json_extract(progress, '$.eligibility') FROM cases WHERE client_id = ? AND ssn_index = ?",
                     [.text(clientID.rawValue), .blob(index)]) { row in
            DuplicateCandidate(caseNumber: row.string(at: 0) ?? "", status: CaseStatus(rawValue: row.string(at: 1) ?? "") ?? .closed,
                               createdOn: RowCodec.date(row.string(at: 2)) ?? .referenceDate,
                               eligibility: row.string(at: 3).flatMap(EligibilityStatement.init(rawValue:)))
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

    /// A case that this repository wrote moments ago comes from memory: the change's
    /// write checks its version all the same.
    public func findForChange(_ caseNumber: String, scope: AccessScope) async throws -> StoredCase? {
        if let recent = recentWrites.recall(caseNumber, scope: scope) { return recent }
        return try await find(caseNumber, scope: scope)
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

    public func update(_ caseNumber: String, scope: AccessScope, audit: AuditEvent, receipt: CaseChangeReceipt?,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        try await update(caseNumber, startingFrom: nil, scope: scope, audit: audit, receipt: receipt, transform)
    }

    public func update(_ known: StoredCase, scope: AccessScope, audit: AuditEvent, receipt: CaseChangeReceipt?,
                       attaching attached: (any AttachedWrite)?,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        try await update(known.caseNumber, startingFrom: known.version.isEmpty ? nil : known, scope: scope, audit: audit,
                         receipt: receipt, attaching: attached, transform)
    }

    private func update(_ caseNumber: String, startingFrom known: StoredCase?, scope: AccessScope, audit: AuditEvent,
                        receipt: CaseChangeReceipt?, attaching attached: (any AttachedWrite)? = nil,
                        _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        let attached = try await SQLiteAttachedWrite.joining(attached, on: database)
        let filter = RowCodec.scopeFilter(scope)
        let select = "SELECT \(Self.columns) FROM cases WHERE case_number = ?\(filter.sql)"
        let parameters = [SQLValue.text(caseNumber)] + filter.parameters
        // Without a known state, what this repository wrote last is as good a start: the
        // write checks its version.
        var candidate = known ?? recentWrites.recall(caseNumber, scope: scope)
        for _ in 0..<Self.maxUpdateAttempts {
            let current: StoredCase
            if let known = candidate {
                current = known
                candidate = nil
            } else {
                guard let read = try await database.read({ db in try db.queryFirst(select, parameters) { try self.row($0).item } }) else {
                    throw RepositoryError.notFound
                }
                current = read
            }
            var updated = current
            try transform(&updated)
            let now = UTCTime.nowISO()
            updated.updatedAt = now
            let write = try prepareUpdate(from: current, to: updated, audit: audit, at: now, receipt: receipt)
            let written = try await database.write { db in
                guard try write.apply(on: db, expecting: current.version) else { return false }
                try attached?.apply(db)
                return true
            }
            if written {
                updated.version = write.sealedData
                recentWrites.remember(updated)
                return updated
            }
        }
        throw RepositoryError.conflict(field: "case_number", message: "The case kept changing while this change was made; try again.")
    }

    /// Everything an update writes, computed outside the writer.
    struct PreparedUpdate: Sendable {
        let caseNumber: String
        /// The newly sealed data: the version of the case once written.
        let sealedData: [UInt8]
        let clientID: String
        /// status, data, progress, updated_at, case_number, then (when `keysChanged`)
        /// employer_case_id and ssn_index.
        let values: [SQLValue]
        /// The employee id or the SSN changed. Otherwise the UPDATE leaves those columns
        /// out: SQLite rewrites the entries of every index on a column an UPDATE assigns,
        /// changed or not, and the SSN's blind index puts each case on a random page of
        /// `cases_duplicates` (16 % of the WAL pages of the case load).
        let keysChanged: Bool
        let entersQueue: Bool
        let leavesQueue: Bool
        let statusChanged: Bool
        let events: [CaseEventKind]
        let progressJSON: String
        let now: String
        let entry: AuditLog.PreparedEntry
        let answer: SQLiteIdempotencyRepository.SealedAnswer?
        /// The case as it will be stored, and the planner that keeps its work items.
        let updated: StoredCase
        let workItems: WorkItemPlanner?

        static let updateKeepingKeys = """
            UPDATE cases SET status = ?, data = ?, progress = ?, updated_at = ?
            WHERE case_number = ? AND data = ?
            """
        static let updateWithKeys = """
            UPDATE cases SET status = ?, data = ?, progress = ?, updated_at = ?, employer_case_id = ?, ssn_index = ?
            WHERE case_number = ? AND data = ?
            """

        /// Writes the update if the case still holds `expected`; false when another change
        /// came first (nothing is written then).
        func apply(on db: Connection, expecting expected: [UInt8]) throws -> Bool {
            try db.execute(keysChanged ? Self.updateWithKeys : Self.updateKeepingKeys, values + [.blob(expected)])
            guard db.changes == 1 else { return false }
            // The submission queue holds a case exactly while it is QUEUED, in this same transaction.
            if entersQueue {
                let nowMs = UTCTime.nowMilliseconds()
                try db.execute("INSERT OR IGNORE INTO submission_queue (case_number, enqueued_at_ms, next_attempt_at_ms) VALUES (?, ?, ?)",
                               [.text(caseNumber), .integer(nowMs), .integer(nowMs)])
            } else if leavesQueue {
                try db.execute("DELETE FROM submission_queue WHERE case_number = ?", [.text(caseNumber)])
            }
            try SQLiteCaseEventOutbox.appendForReceivers(events, on: db, clientID: clientID, caseNumber: caseNumber, at: now, progressJSON: progressJSON)
            if statusChanged {
                try db.execute("INSERT INTO case_changes (case_number, client_id, changed_at) VALUES (?, ?, ?) "
                               + "ON CONFLICT(case_number) DO UPDATE SET changed_at = excluded.changed_at",
                               [.text(caseNumber), .text(clientID), .text(now)])
            }
            try AuditLog.append(entry, on: db)
            try answer?.insert(on: db)
            try workItems?.caseChanged(updated, .updated(keysChanged: keysChanged), on: db)
            return true
        }
    }

    func prepareUpdate(from current: StoredCase, to updated: StoredCase, audit: AuditEvent, at now: String,
                       receipt: CaseChangeReceipt?) throws -> PreparedUpdate {
        let number = current.caseNumber
        let ssn = updated.input.ssn ?? current.input.ssn ?? ""
        var event = audit
        event.objectID = number
        event.clientID = current.clientID
        event.changes = audit.changes + CaseChanges.progress(before: current.progress, after: updated.progress)
            + CaseChanges.fields(before: current.input, after: updated.input)
        let (before, after) = (current.progress.status, updated.progress.status)
        let progressJSON = try Self.progressJSON(updated.progress)
        let sealedData = try sealed(updated.input, caseNumber: number)
        let keysChanged = updated.input.employerCaseID != current.input.employerCaseID || updated.input.ssn != current.input.ssn
        var values: [SQLValue] = [.text(after.rawValue), .blob(sealedData), .text(progressJSON), .text(now)]
        if keysChanged { values += [SQLValue(updated.input.employerCaseID), .blob(ssnIndex(ssn))] }
        values.append(.text(number))
        return PreparedUpdate(
            caseNumber: number, sealedData: sealedData, clientID: current.clientID.rawValue,
            values: values, keysChanged: keysChanged,
            entersQueue: after == .queued && before != .queued, leavesQueue: after != .queued && before == .queued,
            statusChanged: after != before, events: CaseEventKind.raised(from: before, to: after), progressJSON: progressJSON, now: now, entry: AuditLog.prepare(event, at: now),
            answer: try keptAnswer(receipt, for: updated), updated: updated, workItems: workItems)
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

    public func acknowledgeChanges(scope: AccessScope, caseNumbers: [String], audit: AuditEvent) async throws -> Int {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            var count = 0
            for number in caseNumbers {
                guard let client = try db.queryFirst("SELECT client_id FROM case_changes WHERE case_number = ?\(filter.sql)",
                                                     [.text(number)] + filter.parameters, row: { $0.string(at: 0) }) else { continue }
                try db.execute("DELETE FROM case_changes WHERE case_number = ?", [.text(number)])
                count += db.changes
                try AuditLog.append(audit.with(changes: [], objectID: number, clientID: client.map(ClientID.init)), on: db)
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
