import AgentCore
import HTTPCore

/// RET-3 through `PATCH cases/{n}`: `{legal_hold: true, legal_hold_reason}` holds a case
/// on any status, `{legal_hold: false}` releases it (a reason may be given and is
/// audited). Agent admins and client admins only.
enum LegalHoldPatch {
    static let fields = ["legal_hold", "legal_hold_reason"]

    static func applies(to body: RequestBody) -> Bool { fields.contains { body.has($0) } }
}

extension CaseAPI {
    func setLegalHold(_ probe: RequestBody, _ context: AgentContext, _ principal: Principal) async throws -> HTTPResponse {
        try Authenticator.require(principal.role == .agentAdmin || principal.role == .clientAdmin,
                                  "Only agent admins and client admins set or release a legal hold.")
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        var body = probe
        let hold = body.bool("legal_hold", required: true)
        let reason = body.string("legal_hold_reason", maxLength: 500)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if hold == true && (reason ?? "").isEmpty {
            body.note(FieldIssue(field: "legal_hold_reason", code: FieldIssue.required, message: "Say why the case is held (the matter or request)."))
        }
        try body.finish()
        guard let hold else { throw ValidationFailure([]) }
        let today = try await clock.today()
        var audit = Self.event(principal, context, hold ? "case.legal_hold" : "case.legal_hold_release")
        if !hold, let reason, !reason.isEmpty { audit.changes = [FieldChange(field: "legal_hold_release_reason", before: nil, after: reason)] }
        let setBy = principal.userID.rawValue
        let updated = try await cases.update(stored, scope: principal.scope, audit: audit) { c in
            // Checked again on the state written: a purge may have come first.
            if let purge = c.progress.purge { throw PurgedCaseRefusal(caseNumber: c.caseNumber, purgedOn: purge.on) }
            if hold {
                let since = c.progress.legalHold?.since ?? today
                c.progress.legalHold = LegalHold(reason: reason ?? "", since: since, setBy: setBy)
            } else {
                c.progress.legalHold = nil
            }
        }
        return try await fullResponse(updated)
    }
}

/// RET-2: a purged case keeps only its number, dates and statuses; nothing may be done
/// with it or rendered from it (409).
struct PurgedCaseRefusal: Error, ProblemConvertible {
    let caseNumber: String
    let purgedOn: CivilDate

    var problem: ProblemDetails {
        let message = "Case \(caseNumber) was purged on \(purgedOn.iso) (RET-2): its personal data is gone and it takes no action."
        var problem = ProblemDetails(status: .conflict, type: "case-purged", title: "Case purged", detail: message,
                                     errors: [FieldProblem(field: "case_number", code: "RET-2", message: message)])
        problem.extensions = [("purged", "true")]
        return problem
    }
}
