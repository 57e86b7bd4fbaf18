import AgentCore
import Foundation
import HTTPCore

/// API.md "IMAGE records": no-match letters, self-reports, I-9 audits and contractor
/// assessments, each listed and created under its client; letters also change.
struct ImageRecordRoutes: Sendable {
    let records: any ImageRecordRepository
    let access: ImageAccess
    let clock: any ServiceClock

    static let paths: [ImageRecordKind: String] = [
        .noMatchLetter: "no_match_letters", .selfReport: "self_reports", .audit: "audits",
        .contractorAssessment: "contractor_assessments",
    ]
    static let names: [ImageRecordKind: String] = [
        .noMatchLetter: "an SSA no-match letter and its steps (IMG-6)", .selfReport: "a self-report (IMG-5)",
        .audit: "an I-9 audit (IMG-4)", .contractorAssessment: "a contractor assessment (IMG-9)",
    ]
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    func register(on router: RouterBuilder<AgentContext>) {
        for kind in ImageRecordKind.allCases {
            guard let path = Self.paths[kind], let name = Self.names[kind], let schema = ImageRecordBodies.schemas[kind],
                  let answer = ImageSchemas.records[kind] else { continue }
            let tags = ["image"]
            router.post("/api/v1/clients/:id/\(path)", RouteDocumentation(
                "Record \(name). Agent staff and the client's admins.", tags: tags, requestSchema: schema,
                responses: [.json("201", answer, "Created")])) { request, context in
                let principal = try await access.auth.principal(request)
                let clientID = try await access.client(context, principal, .write)
                var body = try RequestBody(request)
                let read = ImageRecordBodies.read(kind, &body, over: nil)
                let today = try await clock.today()
                if let read { do { try ImageRecordRules.check(read, today: today) } catch let failure as ValidationFailure { body.merge(failure) } }
                try body.finish()
                guard let read else { throw ValidationFailure([]) }
                let record = try await records.create(read, clientID: clientID, createdBy: principal.userID,
                                                      audit: .by(principal, context, action: "\(kind.rawValue).create",
                                                                 objectType: kind.rawValue, clientID: clientID))
                return .json(Self.json(record), status: .created)
            }
            router.get("/api/v1/clients/:id/\(path)", RouteDocumentation(
                "The client's records: \(name). Agent staff, the client's admins, auditors.", tags: tags,
                query: ["limit", "cursor"], responses: [.json("200", SchemaText.list(path, of: answer))])) { request, context in
                let principal = try await access.auth.principal(request)
                let clientID = try await access.client(context, principal, .read)
                let paging = try IdentityAPI.paging(request)
                let page = try await records.records(clientID: clientID, kind: kind, limit: paging.limit, after: paging.cursor)
                return .json(JSONObjectWriter.list(path, items: page.items.map(Self.json), nextCursor: page.nextCursor))
            }
        }
        router.patch("/api/v1/no_match_letters/:lid", RouteDocumentation(
            "Add steps to a no-match letter or resolve it (IMG-6). Agent staff and the client's admins.", tags: ["image"],
            requestSchema: ImageRecordBodies.schemas[.noMatchLetter]?.replacingOccurrences(
                of: "\"required\":[\"received_on\",\"employee_id\",\"letter_type\"],", with: ""),
            responses: [.json("200", ImageSchemas.records[.noMatchLetter] ?? "{}")])) { request, context in
            let principal = try await access.auth.principal(request)
            let id = context.info.parameters["lid"] ?? ""
            guard let current = try await records.record(id, kind: .noMatchLetter, scope: principal.scope) else { throw RepositoryError.notFound }
            try access.check(principal, .write)
            var body = try RequestBody(request)
            let read = ImageRecordBodies.read(.noMatchLetter, &body, over: current.body)
            let today = try await clock.today()
            if let read { do { try ImageRecordRules.check(read, today: today) } catch let failure as ValidationFailure { body.merge(failure) } }
            try body.finish()
            guard let read else { throw ValidationFailure([]) }
            let updated = try await records.update(id, kind: .noMatchLetter, scope: principal.scope,
                                                   audit: .by(principal, context, action: "no_match_letter.update",
                                                              objectType: "no_match_letter", clientID: current.clientID)) { _ in read }
            return .json(Self.json(updated))
        }
    }

    /// `{id, client_company_id, created_at, created_by, updated_at, …the record's fields}`.
    static func json(_ record: ImageRecord) -> String {
        var w = JSONObjectWriter()
        w.string("id", record.id)
        w.string("client_company_id", record.clientID.rawValue)
        w.string("kind", record.body.kind.rawValue)
        w.string("created_at", record.createdAt)
        w.string("created_by", record.createdBy?.rawValue)
        w.string("updated_at", record.updatedAt)
        let fields: Data?
        switch record.body {
        case .noMatchLetter(let v): fields = try? encoder.encode(v)
        case .selfReport(let v): fields = try? encoder.encode(v)
        case .audit(let v): fields = try? encoder.encode(v)
        case .contractorAssessment(let v): fields = try? encoder.encode(v)
        }
        let head = w.text
        guard let fields, fields.count > 2 else { return head }
        return String(head.dropLast()) + "," + String(decoding: fields.dropFirst(), as: UTF8.self)
    }
}
