import AgentCore
import HTTPCore
import Notices

/// IMG-10's annual report (API.md "IMAGE records"): counted from the year's cases and
/// records, with what the client states for the year; JSON or CSV.
struct ImageReportRoutes: Sendable {
    let records: any ImageRecordRepository
    let cases: any CaseRepository
    let access: ImageAccess
    let clock: any ServiceClock
    let notices: NoticeRenderer?

    static let statementSchema = """
    {"type":"object","additionalProperties":false,"required":["applicants_denied_because_of_participation"],"properties":{\
    "applicants_denied_because_of_participation":{"type":"integer","minimum":0,"maximum":10000000},\
    "organizational_changes":{"type":["string","null"],"maxLength":4000},"contact_person":{"type":["string","null"],"maxLength":200}}}
    """

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["image"]
        router.get("/api/v1/clients/:id/reports/image_annual", RouteDocumentation(
            "IMG-10: the IMAGE annual report of a year (cases created in it, by result and status; the year's records). "
                + "format=json (default), csv or pdf.", tags: tags, query: ["year", "format"],
            responses: [.json("200", ImageSchemas.annualReport), SchemaText.csv(), SchemaText.pdf()],
            parameters: ["year": #"{"type":"integer","minimum":2000,"maximum":2200}"#,
                         "format": #"{"enum":["json","csv","pdf"],"default":"json"}"#])) { request, context in
            let principal = try await access.auth.principal(request)
            let clientID = try await access.client(context, principal, .read)
            var issues = IssueCollector()
            let today = try await clock.today()
            let yearText = request.queryParameter("year")
            let year = yearText.map { Int($0) } ?? today.year
            if year == nil || !(2000...2200).contains(year ?? 0) {
                issues.add("year", FieldIssue.invalidValue, "year is a four-digit year from 2000.")
            }
            let format = request.queryParameter("format") ?? "json"
            if !["json", "csv", "pdf"].contains(format) { issues.add("format", FieldIssue.invalidValue, "format is json, csv or pdf.") }
            try issues.check()
            guard let year else { throw ValidationFailure([]) }
            let report = try await build(clientID, year: year)
            if format == "pdf" {
                guard let notices else { throw ComplianceDocuments.unavailable }
                let client = try await access.identity.client(clientID, scope: .allClients)
                let bytes = try await notices.render(Self.document(report, clientName: client?.profile.name ?? clientID.rawValue,
                                                                   issuedOn: today), format: .pdf)
                return ComplianceDocuments.pdf(bytes, name: "image-annual-report-\(year).pdf")
            }
            if format == "csv" {
                return HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8", body: Array(Self.csv(report).utf8))
            }
            return .json(Self.json(report))
        }
        router.post("/api/v1/clients/:id/reports/image_annual/:year", RouteDocumentation(
            "IMG-10: what the client states for a year's report (applicants denied, organizational changes, contact person). "
                + "Filing it settles ANNUAL_REPORT_DUE for that year.", tags: tags, requestSchema: Self.statementSchema,
            responses: [.json("200", ImageSchemas.annualReport)],
            parameters: ["year": #"{"type":"integer","minimum":2000}"#])) { request, context in
            let principal = try await access.auth.principal(request)
            let clientID = try await access.client(context, principal, .write)
            var body = try RequestBody(request)
            let denied = body.int("applicants_denied_because_of_participation", required: true, range: 0...10_000_000)
            let changes = body.string("organizational_changes", maxLength: 4000)
            let contact = body.string("contact_person", maxLength: 200)
            let today = try await clock.today()
            // Compared one bound at a time: a simulated clock set before 2000 would make
            // `2000...today.year` an empty-bounds range, which traps and ends the process.
            if let year = Int(context.info.parameters["year"] ?? ""), year >= 2000, year <= today.year {} else {
                body.note(FieldIssue(field: "year", code: FieldIssue.invalidValue, message: "The year is a four-digit year from 2000 up to this one."))
            }
            try body.finish()
            guard let denied, let year = Int(context.info.parameters["year"] ?? "") else { throw ValidationFailure([]) }
            try await records.fileStatement(ImageAnnualReport.Statement(applicantsDenied: denied, organizationalChanges: changes,
                                                                        contactPerson: contact),
                                            clientID: clientID, year: year,
                                            audit: .by(principal, context, action: "image_annual_report.file", objectType: "client",
                                                       clientID: clientID))
            return .json(Self.json(try await build(clientID, year: year)))
        }
    }

    /// Walks the client's cases a page at a time; only what the report counts is kept.
    func build(_ clientID: ClientID, year: Int) async throws -> ImageAnnualReport {
        var lines: [ImageAnnualReport.CaseLine] = []
        var cursor: String?
        repeat {
            let page = try await cases.list(scope: .allClients, clientID: clientID, status: nil, limit: 200, after: cursor)
            for c in page.items where c.progress.createdOn.year == year {
                var citizenship: String?
                if case .text(let code)? = c.input[field: "citizenship_status_code"] { citizenship = code }
                lines.append(ImageAnnualReport.CaseLine(createdOn: c.progress.createdOn, status: c.progress.status,
                                                        eligibility: c.progress.eligibility,
                                                        closureReason: c.progress.closure?.reason.rawValue, citizenship: citizenship))
            }
            cursor = page.nextCursor
        } while cursor != nil
        let counts = try await records.yearCounts(clientID: clientID, year: year)
        return ImageAnnualReport.build(year: year, clientID: clientID, cases: lines,
                                       statement: try await records.statement(clientID: clientID, year: year),
                                       audits: counts.audits, selfReports: counts.selfReports, noMatchLetters: counts.noMatchLetters,
                                       tips: counts.tips)
    }

    static func counts(_ table: [String: Int], order: [String]) -> String {
        var w = JSONObjectWriter()
        for key in order + table.keys.filter({ !order.contains($0) }).sorted() { w.int(key, table[key] ?? 0) }
        return w.text
    }

    static func json(_ r: ImageAnnualReport) -> String {
        var w = JSONObjectWriter()
        w.int("year", r.year)
        w.string("client_company_id", r.clientID.rawValue)
        w.raw("cases_by_result", counts(r.casesByResult, order: ImageAnnualReport.resultBuckets))
        w.raw("cases_by_citizenship_status", counts(r.casesByCitizenship, order: []))
        w.int("discharged_because_of_participation", r.discharged)
        w.int("applicants_denied_because_of_participation", r.statement?.applicantsDenied)
        w.string("organizational_changes", r.statement?.organizationalChanges)
        w.string("contact_person", r.statement?.contactPerson)
        w.bool("filed", r.statement != nil)
        w.int("audits", r.audits)
        w.int("self_reports", r.selfReports)
        w.int("no_match_letters", r.noMatchLetters)
        w.int("tips", r.tips)
        return w.text
    }

    /// One `measure,value` row per number, so a spreadsheet sums what it likes.
    static func csv(_ r: ImageAnnualReport) -> String {
        var rows: [(String, String)] = [("year", String(r.year)), ("client_company_id", r.clientID.rawValue)]
        for key in ImageAnnualReport.resultBuckets { rows.append(("cases_by_result.\(key)", String(r.casesByResult[key] ?? 0))) }
        for key in r.casesByCitizenship.keys.sorted() { rows.append(("cases_by_citizenship_status.\(key)", String(r.casesByCitizenship[key] ?? 0))) }
        rows += [("discharged_because_of_participation", String(r.discharged)),
                 ("applicants_denied_because_of_participation", r.statement.map { String($0.applicantsDenied) } ?? ""),
                 ("organizational_changes", r.statement?.organizationalChanges ?? ""), ("contact_person", r.statement?.contactPerson ?? ""),
                 ("audits", String(r.audits)), ("self_reports", String(r.selfReports)), ("no_match_letters", String(r.noMatchLetters)),
                 ("tips", String(r.tips))]
        return "measure,value\r\n" + rows.map { CSV.field($0.0) + "," + CSV.field($0.1) + "\r\n" }.joined()
    }

    /// The report as a printable document (IMG-10), in the order of the JSON.
    static func document(_ r: ImageAnnualReport, clientName: String, issuedOn: CivilDate) -> PlainDocument {
        var blocks: [PlainDocument.Block] = [
            .title("IMAGE annual report \(r.year)"),
            .subtitle(clientName),
            .paragraph("Counts of the E-Verify cases this employer created in \(r.year), and the records it kept of its "
                       + "IMAGE practices that year (IMG-10)."),
            .heading("Cases by result"),
            .rows(ImageAnnualReport.resultBuckets.map { (label: $0, value: String(r.casesByResult[$0] ?? 0)) }),
            .heading("Cases by attested status"),
            .rows(r.casesByCitizenship.keys.sorted().map { (label: $0, value: String(r.casesByCitizenship[$0] ?? 0)) }),
            .heading("Participation"),
            .rows([(label: "Employees discharged because of participation", value: String(r.discharged)),
                   (label: "Applicants denied because of participation", value: r.statement.map { String($0.applicantsDenied) } ?? "not stated"),
                   (label: "Major organizational changes", value: r.statement?.organizationalChanges ?? "none stated"),
                   (label: "Contact person", value: r.statement?.contactPerson ?? "not stated")]),
            .heading("Records of the year"),
            .rows([(label: "I-9 audits", value: String(r.audits)), (label: "Self-reports", value: String(r.selfReports)),
                   (label: "SSA no-match letters", value: String(r.noMatchLetters)), (label: "Tips received", value: String(r.tips))]),
        ]
        if r.statement == nil { blocks.append(.callout("The employer's statement for \(r.year) has not been filed yet.")) }
        return PlainDocument(title: "IMAGE annual report \(r.year)", reference: clientName, issuedOn: issuedOn.iso, blocks: blocks)
    }
}
