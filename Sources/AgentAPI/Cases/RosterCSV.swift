import AgentCore
import HTTPCore

/// The hire roster as CSV (API.md "Batches"): one hire per row, each added or refused on
/// its own like an item of a batch, with the line it came from.
enum RosterCSV {
    static let required = ["employee_id", "first_name", "last_name", "first_day_of_work"]
    static let optional = ["work_state", "termination_date", "ssn"]
    /// CSV column → the JSON field it fills (the JSON body says `date_of_hire`).
    static func field(of column: String) -> String { column == "first_day_of_work" ? "date_of_hire" : column }
    static func column(of field: String) -> String { field == "date_of_hire" ? "first_day_of_work" : field }

    static func isCSV(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return media == "text/csv"
    }

    /// The table, or the problem with its header (400 unknown columns, 422 missing ones).
    static func table(_ bytes: [UInt8]) throws -> CSVTable {
        guard let table = CSVTable(bytes) else {
            throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed CSV",
                                 detail: "The body is not CSV with a header row (RFC 4180).")
        }
        let unknown = table.header.filter { !(required + optional).contains($0) }
        if !unknown.isEmpty {
            throw ProblemDetails(status: .badRequest, type: "unknown-field", title: "Unknown column",
                                 detail: "The header names columns the roster does not take: \(unknown.joined(separator: ", ")).",
                                 errors: unknown.map { FieldProblem(field: $0, code: FieldIssue.unknownField, message: "\($0) is not a column of the roster CSV.") })
        }
        var issues = IssueCollector()
        for column in required where !table.header.contains(column) {
            issues.add(column, FieldIssue.required, "The header must name \(column).")
        }
        if Set(table.header).count != table.header.count {
            issues.add("header", FieldIssue.invalidFormat, "A column is named twice.")
        }
        try issues.check()
        return table
    }
}

extension HireRosterRoutes {
    func addFromCSV(_ request: HTTPRequest, client: ClientCompany, today: CivilDate, audit: AuditEvent) async throws -> HTTPResponse {
        let table = try RosterCSV.table(request.body)
        var results: [String] = []
        for row in table.rows {
            var w = JSONObjectWriter()
            w.int("line", row.line)
            do {
                guard row.fields.count == table.header.count else {
                    throw ValidationFailure([FieldIssue(field: "line", code: FieldIssue.invalidFormat,
                                                        message: "The row has \(row.fields.count) fields; the header has \(table.header.count).")])
                }
                var object: [String: JSONValue] = [:]
                for (column, value) in zip(table.header, row.fields) where !value.isEmpty {
                    object[RosterCSV.field(of: column)] = .string(value)
                }
                var body = RequestBody(item: object)
                let hire = Self.readHire(&body, client: client.id, today: today)
                try body.finish()
                guard let hire else { throw ValidationFailure([]) }
                if let updated = try await terminationOfKnownHire(hire, audit: audit) {
                    // RET-1: a row for someone already on the roster gives their termination date.
                    w.int("status", 200)
                    w.string("id", updated.id)
                    w.string("employee_id", updated.employeeID)
                    results.append(w.text)
                    continue
                }
                let stored = try await roster.add(hire, audit: audit)
                if stored.terminationDate != nil { try await dates?.hireChanged(stored, audit: audit) }
                w.int("status", 201)
                w.string("id", stored.id)
                w.string("employee_id", stored.employeeID)
            } catch let error as any ProblemConvertible {
                var problem = error.problem
                // Name the CSV's own column, not the JSON field it maps to.
                problem.errors = problem.errors.map { FieldProblem(field: RosterCSV.column(of: $0.field), code: $0.code, message: $0.message) }
                w.int("status", problem.status.code)
                w.raw("problem", String(decoding: problem.response.body, as: UTF8.self))
            }
            results.append(w.text)
        }
        return .json(#"{"results":["# + results.joined(separator: ",") + "]}")
    }
}

extension HireRosterRoutes {
    /// A CSV row naming a hire already on the roster with a termination date it does not
    /// have yet: the date is recorded and the hire's cases dated again (RET-1). Nil for
    /// any other row (a new hire, or a repeat that changes nothing: 409 as before).
    func terminationOfKnownHire(_ row: RosterHire, audit: AuditEvent) async throws -> RosterHire? {
        guard let dates, let date = row.terminationDate,
              let known = try await dates.roster.hire(clientID: row.clientID, employeeID: row.employeeID),
              known.terminationDate != date else { return nil }
        guard date >= known.dateOfHire else {
            throw ValidationFailure([FieldIssue(field: "termination_date", code: FieldIssue.outOfRange,
                                                message: "termination_date is before the first day of work.")])
        }
        var event = audit
        event.action = "hire.termination"
        let updated = try await dates.roster.setTermination(known.id, to: date, scope: .client(row.clientID), audit: event)
        try await dates.hireChanged(updated, audit: event)
        return updated
    }
}
