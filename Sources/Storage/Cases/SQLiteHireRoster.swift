import AgentCore
import Crypto
import Foundation

/// `HireRosterRepository` on SQLite; names and SSN sealed like case data, the SSN matched
/// through the case repository's blind index key.
public final class SQLiteHireRoster: HireRosterRepository {
    let database: Database
    let cipher: FieldCipher
    let indexKey: [UInt8]
    /// Raises the hire's CASE_NOT_CREATED item with the hire (nil: no queue).
    let workItems: WorkItemPlanner?

    public init(database: Database, cipher: FieldCipher, indexKey: [UInt8], workItems: WorkItemPlanner? = nil) {
        self.database = database
        self.cipher = cipher
        self.indexKey = indexKey
        self.workItems = workItems
    }

    public func add(_ hire: RosterHire, audit: AuditEvent) async throws -> RosterHire {
        let index = hire.ssn.map { HMAC.sha256(key: indexKey, data: Array($0.filter(\.isNumber).utf8)) }
        let plain = try JSONSerialization.data(withJSONObject: ["first_name": hire.firstName, "last_name": hire.lastName,
                                                                "ssn": hire.ssn ?? ""], options: [.sortedKeys])
        return try await database.write { db in
            var stored = hire
            stored.id = RowCodec.newID()
            stored.createdAt = UTCTime.nowISO()
            let sealed = try self.cipher.seal(Array(plain), context: Array("hire:\(stored.id)".utf8))
            do {
                try db.execute("""
                    INSERT INTO hires (id, client_id, employee_id, date_of_hire, ssn_index, data, created_at, work_state, termination_date)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(stored.id), .text(hire.clientID.rawValue), .text(hire.employeeID), .text(hire.dateOfHire.iso),
                          SQLValue(index), .blob(sealed), .text(stored.createdAt), SQLValue(hire.workState),
                          SQLValue(hire.terminationDate?.iso)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "employee_id", message: "This employee is already on the roster.")
            }
            var event = audit
            event.objectID = stored.id
            event.clientID = hire.clientID
            event.changes = [FieldChange(field: "employee_id", before: nil, after: hire.employeeID),
                             FieldChange(field: "date_of_hire", before: nil, after: hire.dateOfHire.iso)]
                + (hire.workState.map { [FieldChange(field: "work_state", before: nil, after: $0)] } ?? [])
                + (hire.terminationDate.map { [FieldChange(field: "termination_date", before: nil, after: $0.iso)] } ?? [])
            try AuditLog.append(event, on: db, at: stored.createdAt)
            try self.workItems?.hireAdded(stored, on: db)
            return stored
        }
    }

    public func hiresWithoutCase(clientID: ClientID, scope: AccessScope) async throws -> [RosterHire] {
        guard scope.includes(clientID) else { throw RepositoryError.notFound }
        return try await database.read { db in
            try db.query("""
                SELECT h.id, h.employee_id, h.date_of_hire, h.data, h.created_at, h.work_state, h.termination_date FROM hires h
                WHERE h.client_id = ? AND NOT EXISTS (
                    SELECT 1 FROM cases c WHERE c.client_id = h.client_id
                      AND ((h.ssn_index IS NOT NULL AND c.ssn_index = h.ssn_index) OR c.employer_case_id = h.employee_id))
                ORDER BY h.date_of_hire
                """, [.text(clientID.rawValue)]) { row in
                let id = row.string(at: 0) ?? ""
                let plain = try self.cipher.open(row.blob(at: 3) ?? [], context: Array("hire:\(id)".utf8))
                let fields = (try JSONSerialization.jsonObject(with: Data(plain)) as? [String: String]) ?? [:]
                guard let hired = RowCodec.date(row.string(at: 2)) else { throw RowDecodingError.invalid(column: "hires.date_of_hire") }
                return RosterHire(id: id, clientID: clientID, employeeID: row.string(at: 1) ?? "", firstName: fields["first_name"] ?? "",
                                  lastName: fields["last_name"] ?? "", ssn: (fields["ssn"] ?? "").isEmpty ? nil : fields["ssn"],
                                  dateOfHire: hired, workState: row.string(at: 5), terminationDate: RowCodec.date(row.string(at: 6)),
                                  createdAt: row.string(at: 4) ?? "")
            }
        }
    }
}
