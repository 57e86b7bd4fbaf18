import AgentCore
import HTTPCore
import Notices

/// IMG-10: the IMAGE annual report of a client (JSON, CSV, PDF), counted from the year's
/// cases and records, with the inputs only the client can give (POST).
struct ImageAnnualReportRoutes: Sendable {
    let image: any ImageRepository
    let cases: any CaseRepository
    let gate: ComplianceGate
    let notices: NoticeRenderer?

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.get("/api/v1/clients/:id/reports/image_annual", RouteDocumentation(
            "The IMAGE annual report (IMG-10) for ?year=; format=json (default), csv or pdf.", tags: tags, query: ["year", "format"])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: false)
            var issues = IssueCollector()
            let year = request.queryParameter("year").flatMap(Int.init)
            if year == nil || !(2000...2100).contains(year ?? 0) { issues.add("year", FieldIssue.required, "year is required, 2000 to 2100.") }
            let format = request.queryParameter("format") ?? "json"
            if !["json", "csv", "pdf"].contains(format) { issues.add("format", FieldIssue.invalidValue, "format is json, csv or pdf.") }
            try issues.check()
            guard let year else { throw ValidationFailure([]) }
            let rows = try await report(client, year: year)
            switch format {
            case "csv":
                let csv = "item,value\r\n" + rows.map { [$0.key, $0.text].map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
                return HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8", body: Array(csv.utf8))
            case "pdf":
                guard let notices else { throw ComplianceDocuments.unavailable }
                let document = PlainDocument(title: "IMAGE annual report \(year)", reference: client.profile.name, issuedOn: IdentityAPI.today().iso, blocks: [
                    .title("IMAGE annual report \(year)"), .subtitle(client.profile.name),
                    .rows(rows.map { (label: Self.label($0.key), value: $0.text) }),
                    .note("Counts of the cases created in \(year); discharges are closures after a final nonconfirmation."),
                ])
                return ComplianceDocuments.pdf(try await notices.render(document, format: .pdf), name: "image-annual-\(year).pdf")
            default:
                return .json(json(client, year: year, rows: rows))
            }
        }
        router.post("/api/v1/clients/:id/reports/image_annual/:year", RouteDocumentation(
            "The inputs of the annual report no record counts (IMG-10).", tags: tags,
            requestSchema: #"{"type":"object","properties":{"applicants_denied_because_of_participation":{"type":"integer"},"organizational_changes":{"type":"string"},"contact_person":{"type":"string"}}}"#)) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: true)
            guard let year = Int(context.info.parameters["year"] ?? ""), (2000...2100).contains(year) else { throw RepositoryError.notFound }
            var body = try RequestBody(request)
            var w = JSONObjectWriter()
            w.int("applicants_denied_because_of_participation", body.int("applicants_denied_because_of_participation", required: true, range: 0...10_000_000))
            w.string("organizational_changes", body.string("organizational_changes", maxLength: 4000))
            w.string("contact_person", body.string("contact_person", required: true, maxLength: 200))
            try body.finish()
            try await image.saveAnnualInputs(clientID: client.id, year: year, members: w.text,
                                             audit: .by(principal, context, action: "image_annual_report.inputs", objectType: "image_annual_report", clientID: client.id))
            return .json(json(client, year: year, rows: try await report(client, year: year)))
        }
    }

    /// A row's key in words for the PDF: `cases_by_result.NO_ACTION_FNC` → "Cases by result: no action fnc".
    static func label(_ key: String) -> String {
        let words = key.split(separator: ".").map { $0.replacingOccurrences(of: "_", with: " ").lowercased() }
        let text = words.joined(separator: ": ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    struct Row {
        let key: String
        let text: String
        let json: String
    }

    /// The report as flat rows (CSV and PDF) that also carry their JSON values.
    func report(_ client: ClientCompany, year: Int) async throws -> [Row] {
        var all: [StoredCase] = []
        var cursor: String?
        repeat {
            let page = try await cases.list(scope: .client(client.id), clientID: client.id, status: nil, limit: 200, after: cursor)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        let counts = ImageAnnualCounts(year: year, cases: all)
        let records = try await image.yearCounts(clientID: client.id, year: year)
        let inputs = try await image.annualInputs(clientID: client.id, year: year).flatMap { JSONValue.parse(Array($0.utf8)) }
        func input(_ key: String) -> JSONValue? { if case .object(let o)? = inputs { return o[key] } else { return nil } }
        var rows: [Row] = []
        for key in ImageAnnualCounts.resultKeys { rows.append(Row(key: "cases_by_result.\(key)", text: String(counts.byResult[key] ?? 0), json: String(counts.byResult[key] ?? 0))) }
        for status in CitizenshipStatus.allCases {
            let n = counts.byCitizenship[status.rawValue] ?? 0
            rows.append(Row(key: "cases_by_citizenship_status.\(status.rawValue)", text: String(n), json: String(n)))
        }
        rows.append(Row(key: "discharged_because_of_participation", text: String(counts.discharged), json: String(counts.discharged)))
        let denied = input("applicants_denied_because_of_participation")
        rows.append(Row(key: "applicants_denied_because_of_participation", text: denied.map { $0.canonicalText } ?? "", json: denied?.canonicalText ?? "null"))
        for key in ["organizational_changes", "contact_person"] {
            let value = input(key)?.stringValue
            rows.append(Row(key: key, text: value ?? "", json: value.map(JSONText.quote) ?? "null"))
        }
        for (key, kind) in [("audits", "audits"), ("self_reports", "self_reports"), ("no_match_letters", "no_match_letters"), ("tips", "tips")] {
            rows.append(Row(key: key, text: String(records[kind] ?? 0), json: String(records[kind] ?? 0)))
        }
        return rows
    }

    func json(_ client: ClientCompany, year: Int, rows: [Row]) -> String {
        var w = JSONObjectWriter()
        w.int("year", year)
        w.string("client_company_id", client.id.rawValue)
        w.string("client_name", client.profile.name)
        for group in ["cases_by_result", "cases_by_citizenship_status"] {
            let members = rows.filter { $0.key.hasPrefix(group + ".") }
                .map { JSONText.quote(String($0.key.dropFirst(group.count + 1))) + ":" + $0.json }
            w.raw(group, "{" + members.joined(separator: ",") + "}")
        }
        for row in rows where !row.key.contains(".") { w.raw(row.key, row.json) }
        return w.text
    }
}
