import AgentCore
import Crypto
import HTTPCore

/// API.md "IMAGE records": the settings members of PATCH `clients/{id}`, and the
/// no-match letters (IMG-6), self-reports (IMG-5), I-9 audits (IMG-4) and contractor
/// assessments (IMG-9) of a client.
struct ImageRecordRoutes: Sendable {
    let image: any ImageRepository
    let gate: ComplianceGate
    let clock: any ServiceClock

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        for kind in ImageRecordKind.allCases {
            router.post("/api/v1/clients/:id/\(kind.rawValue)", RouteDocumentation(
                "Record one of the client's IMAGE \(kind.rawValue) (\(Self.rule(kind))).", tags: tags,
                requestSchema: #"{"type":"object"}"#, success: ["201"])) { request, context in
                let principal = try await gate.auth.principal(request)
                let client = try await gate.client(context, principal, write: true)
                var body = try RequestBody(request)
                let read = try await ImageRecordBody.read(kind, &body, today: try await clock.today(), existing: nil)
                try body.finish()
                guard let read else { throw ValidationFailure([]) }
                let record = try await image.createRecord(
                    ImageRecord(id: "", clientID: client.id, kind: kind, recordDate: read.date, resolvedOn: read.resolvedOn, members: read.members,
                                createdAt: "", createdBy: nil, updatedAt: ""),
                    audit: .by(principal, context, action: "\(kind.rawValue).create", objectType: kind.rawValue, clientID: client.id))
                return .json(Self.json(record), status: .created)
            }
            router.get("/api/v1/clients/:id/\(kind.rawValue)", RouteDocumentation(
                "The client's IMAGE \(kind.rawValue), oldest first.", tags: tags, query: ["limit", "cursor"])) { request, context in
                let principal = try await gate.auth.principal(request)
                let client = try await gate.client(context, principal, write: false)
                let paging = try IdentityAPI.paging(request)
                let page = try await image.records(clientID: client.id, kind: kind, limit: paging.limit, after: paging.cursor)
                return .json(JSONObjectWriter.list(kind.rawValue, items: page.items.map(Self.json), nextCursor: page.nextCursor))
            }
        }
        router.patch("/api/v1/no_match_letters/:lid", RouteDocumentation(
            "Record steps and the resolution of a no-match letter; resolved_on settles NO_MATCH_LETTER (IMG-6).", tags: tags,
            requestSchema: #"{"type":"object"}"#)) { request, context in
            let principal = try await gate.auth.principal(request)
            guard let letter = try await image.record(context.info.parameters["lid"] ?? "", kind: .noMatchLetter, scope: principal.scope) else {
                throw RepositoryError.notFound
            }
            try gate.check(principal, client: letter.clientID, write: true)
            var body = try RequestBody(request)
            let read = try await ImageRecordBody.read(.noMatchLetter, &body, today: try await clock.today(), existing: letter)
            try body.finish()
            guard let read else { throw ValidationFailure([]) }
            var changed = letter
            changed.recordDate = read.date
            changed.resolvedOn = read.resolvedOn
            changed.members = read.members
            let updated = try await image.updateRecord(changed, audit: .by(principal, context, action: "no_match_letters.update",
                                                                            objectType: "no_match_letters", clientID: letter.clientID))
            return .json(Self.json(updated))
        }
    }

    static func rule(_ kind: ImageRecordKind) -> String {
        switch kind {
        case .noMatchLetter: "IMG-6"
        case .selfReport: "IMG-5"
        case .audit: "IMG-4"
        case .contractorAssessment: "IMG-9"
        }
    }

    static func json(_ r: ImageRecord) -> String {
        var w = JSONObjectWriter()
        w.string("id", r.id)
        w.string("client_company_id", r.clientID.rawValue)
        var text = String(w.text.dropLast())
        if !r.members.isEmpty { text += "," + r.members }
        var tail = JSONObjectWriter()
        tail.string("created_at", r.createdAt)
        tail.string("created_by", r.createdBy)
        tail.string("updated_at", r.updatedAt)
        return text + "," + tail.text.dropFirst()
    }

    /// The IMAGE members of PATCH `clients/{id}` (IMG-COMPLIANCE-OFFICER; the tip line's token).
    static func settings(_ image: any ImageRepository, identity: any IdentityRepository) -> ClientSettingsExtension {
        ClientSettingsExtension(read: { body in
            var input = ImageSettingsInput()
            input.member = body.bool("image_member")
            input.associate = body.bool("image_associate")
            input.auditIntervalMonths = body.int("i9_audit_interval_months", range: 1...60)
            if body.has("employee_count") { input.employeeCount = .some(body.int("employee_count", range: 0...10_000_000)) }
            if body.has("compliance_officer_user_id") {
                input.complianceOfficer = .some(body.string("compliance_officer_user_id", maxLength: 64).map(UserID.init))
            }
            input.tipLineEnabled = body.bool("tip_line_enabled")
            input.rotateTipToken = body.bool("rotate_tip_token")
            guard !input.isEmpty else { return nil }
            let change = input
            return { id, principal, context in
                if case .some(.some(let officer)) = change.complianceOfficer {
                    guard let user = try await identity.user(officer, scope: .client(id)), user.active, user.clientID == id else {
                        throw ValidationFailure([FieldIssue(field: "compliance_officer_user_id", code: FieldIssue.invalidValue,
                                                            message: "The compliance officer is an active user of this client.")])
                    }
                }
                _ = try await image.updateSettings(clientID: id, input: change, newToken: SecureRandom.token(byteCount: 32),
                                                   audit: .by(principal, context, action: "client.image_settings_update", objectType: "client", clientID: id))
            }
        }, members: { id in
            let s = try await image.settings(clientID: id)
            var w = JSONObjectWriter()
            w.bool("image_member", s.member)
            w.bool("image_associate", s.associate)
            w.int("i9_audit_interval_months", s.auditIntervalMonths)
            w.int("employee_count", s.employeeCount)
            w.string("compliance_officer_user_id", s.complianceOfficer?.rawValue)
            w.bool("tip_line_enabled", s.tipLineEnabled)
            w.string("tip_token", s.tipLineEnabled ? s.tipToken : nil)
            return String(w.text.dropFirst().dropLast())
        })
    }
}
