import AgentCore
import HTTPCore

/// REV-2: one Status Change Report. A malformed file or line refuses the whole report
/// (422, nothing imported); a well-formed line whose case is not found or whose numbers
/// do not match is reported with its reason; the matched lines are written in one
/// transaction, so a failure leaves none of them imported.
struct StatusChangeReportImport: Sendable {
    let cases: any CaseRepository
    let clock: any ServiceClock
    static let columns = ["case_number", "a_number", "revoked_document_number", "revocation_date"]
    static let maxLines = 10_000

    func run(_ request: HTTPRequest, client: ClientID, audit: AuditEvent) async throws -> HTTPResponse {
        guard let type = request.headers["Content-Type"], RosterCSV.isCSV(type) else {
            throw ProblemDetails(status: .unsupportedMediaType, type: "unsupported-media-type", title: "Unsupported media type",
                                 detail: "The Status Change Report is sent as text/csv.")
        }
        let lines = try parse(request.body)
        let today = try await clock.today()
        var matched: [String: CivilDate] = [:]
        var order: [String] = []
        var unmatched: [(line: Int, reason: String)] = []
        for line in lines {
            guard matched[line.caseNumber] == nil else {
                unmatched.append((line.line, "The case is listed on an earlier line."))
                continue
            }
            guard let c = try await cases.find(line.caseNumber, scope: .client(client)) else {
                unmatched.append((line.line, "No case of this client has this case number."))
                continue
            }
            if c.progress.purge != nil {
                unmatched.append((line.line, "The case was purged (RET-2)."))
            } else if let reason = ReverificationRules.mismatch(c.input, aNumber: line.aNumber, documentNumber: line.documentNumber) {
                unmatched.append((line.line, reason))
            } else {
                matched[line.caseNumber] = line.revokedOn
                order.append(line.caseNumber)
            }
        }
        if !order.isEmpty {
            let revoked = matched
            _ = try await cases.updateAll(order, scope: .client(client), audit: audit) { c in
                if let purge = c.progress.purge { throw PurgedCaseRefusal(caseNumber: c.caseNumber, purgedOn: purge.on) }
                c.progress.revocation = DocumentRevocation(revokedOn: revoked[c.caseNumber] ?? today, reportedOn: today)
            }
        }
        return .json(#"{"matched":\#(order.count),"unmatched":["# + unmatched.map { item in
            var w = JSONObjectWriter()
            w.int("line", item.line)
            w.string("reason", item.reason)
            return w.text
        }.joined(separator: ",") + "]}")
    }

    struct Line {
        var line: Int
        var caseNumber: String
        var aNumber: String?
        var documentNumber: String?
        var revokedOn: CivilDate
    }

    /// Every line, or the problem with the file: its header (400 unknown columns, 422
    /// missing ones) or any malformed line (422, each named).
    func parse(_ bytes: [UInt8]) throws -> [Line] {
        guard let table = CSVTable(bytes) else {
            throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed CSV",
                                 detail: "The body is not CSV with a header row (RFC 4180).")
        }
        let unknown = table.header.filter { !Self.columns.contains($0) }
        if !unknown.isEmpty {
            throw ProblemDetails(status: .badRequest, type: "unknown-field", title: "Unknown column",
                                 detail: "The header names columns the report does not have: \(unknown.joined(separator: ", ")).",
                                 errors: unknown.map { FieldProblem(field: $0, code: FieldIssue.unknownField, message: "\($0) is not a column of the Status Change Report.") })
        }
        var issues = IssueCollector()
        for column in Self.columns where !table.header.contains(column) { issues.add(column, FieldIssue.required, "The header must name \(column).") }
        if table.rows.count > Self.maxLines { issues.add("body", FieldIssue.outOfRange, "At most \(Self.maxLines) lines per report.") }
        try issues.check()
        var lines: [Line] = []
        for row in table.rows {
            let field = "line \(row.line)"
            guard row.fields.count == table.header.count else {
                issues.add(field, FieldIssue.invalidFormat, "The line has \(row.fields.count) fields; the header has \(table.header.count).")
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(table.header, row.fields) {
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { values[column] = trimmed }
            }
            guard let number = values["case_number"], number.count <= 20 else {
                issues.add(field, FieldIssue.required, "case_number is required.")
                continue
            }
            guard let revoked = values["revocation_date"].flatMap(CivilDate.init(iso:)) else {
                issues.add(field, FieldIssue.invalidFormat, "revocation_date must be a date written YYYY-MM-DD.")
                continue
            }
            if values["a_number"] == nil && values["revoked_document_number"] == nil {
                issues.add(field, FieldIssue.required, "Give the a_number or the revoked_document_number.")
                continue
            }
            lines.append(Line(line: row.line, caseNumber: number, aNumber: values["a_number"],
                              documentNumber: values["revoked_document_number"], revokedOn: revoked))
        }
        try issues.check()
        return lines
    }
}
