import AgentCore
import Foundation

/// RET-1 on the roster: a hire's last day of employment, and the cases it applies to.
extension SQLiteHireRoster: RosterTerminationRepository {
    static let hireColumns = "id, client_id, employee_id, date_of_hire, data, created_at, work_state, termination_date"

    func hire(from row: Statement) throws -> RosterHire {
        let id = row.string(at: 0) ?? ""
        let plain = try cipher.open(row.blob(at: 4) ?? [], context: Array("hire:\(id)".utf8))
        let fields = (try JSONSerialization.jsonObject(with: Data(plain)) as? [String: String]) ?? [:]
        guard let hired = RowCodec.date(row.string(at: 3)) else { throw RowDecodingError.invalid(column: "hires.date_of_hire") }
        return RosterHire(id: id, clientID: ClientID(row.string(at: 1) ?? ""), employeeID: row.string(at: 2) ?? "",
                          firstName: fields["first_name"] ?? "", lastName: fields["last_name"] ?? "",
                          ssn: (fields["ssn"] ?? "").isEmpty ? nil : fields["ssn"], dateOfHire: hired, workState: row.string(at: 6),
                          terminationDate: RowCodec.date(row.string(at: 7)), createdAt: row.string(at: 5) ?? "")
    }

    public func hire(_ id: String, scope: AccessScope) async throws -> RosterHire? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.hireColumns) FROM hires WHERE id = ?\(filter.sql)", [.text(id)] + filter.parameters) {
                try self.hire(from: $0)
            }
        }
    }

    public func hire(clientID: ClientID, employeeID: String) async throws -> RosterHire? {
        try await database.read { db in
            try db.queryFirst("SELECT \(Self.hireColumns) FROM hires WHERE client_id = ? AND employee_id = ?",
                              [.text(clientID.rawValue), .text(employeeID)]) { try self.hire(from: $0) }
        }
    }

    public func setTermination(_ id: String, to date: CivilDate?, scope: AccessScope, audit: AuditEvent) async throws -> RosterHire {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            guard var hire = try db.queryFirst("SELECT \(Self.hireColumns) FROM hires WHERE id = ?\(filter.sql)",
                                               [.text(id)] + filter.parameters, row: { try self.hire(from: $0) }) else {
                throw RepositoryError.notFound
            }
            let before = hire.terminationDate
            hire.terminationDate = date
            try db.execute("UPDATE hires SET termination_date = ? WHERE id = ?", [SQLValue(date?.iso), .text(id)])
            var event = audit
            event.objectID = id
            event.clientID = hire.clientID
            event.changes = [FieldChange(field: "termination_date", before: before?.iso, after: date?.iso)]
            _ = try AuditLog.append(event, on: db)
            return hire
        }
    }

    public func matchingCases(hireID: String) async throws -> [String] {
        try await database.read { db in
            // Two indexed lookups (employee id, SSN blind index), as the work queue does.
            try db.query("""
                SELECT c.case_number FROM hires h JOIN cases c ON c.client_id = h.client_id AND c.employer_case_id = h.employee_id
                WHERE h.id = ?
                UNION
                SELECT c.case_number FROM hires h JOIN cases c ON c.client_id = h.client_id AND c.ssn_index = h.ssn_index
                WHERE h.id = ?
                """, [.text(hireID), .text(hireID)]) { $0.string(at: 0) ?? "" }
        }
    }
}
