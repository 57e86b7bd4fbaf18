import AgentCore
import HTTPCore

/// HIRE-5: the client's hire roster and the hires still without a case past their
/// HIRE-2 date (hire-roster reconciliation).
struct HireRosterRoutes: Sendable {
    let roster: any HireRosterRepository
    let identity: any IdentityRepository
    let auth: Authenticator
    let clock: any ServiceClock
    let outages: @Sendable () async throws -> [ClosedRange<CivilDate>]

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.post("/api/v1/clients/:id/hires", RouteDocumentation(
            "Add a hire to the client's roster (HIRE-5).", tags: tags,
            requestSchema: #"{"type":"object","required":["employee_id","first_name","last_name","date_of_hire"],"properties":{"employee_id":{"type":"string"},"first_name":{"type":"string"},"last_name":{"type":"string"},"ssn":{"type":"string"},"date_of_hire":{"type":"string","format":"date"}}}"#,
            success: ["201"])) { request, context in
            let principal = try await auth.principal(request)
            let client = try await clientInScope(context, principal)
            try Authenticator.require(!principal.role.isReadOnly, "Auditors have read-only access.")
            var body = try RequestBody(request)
            let employeeID = body.string("employee_id", required: true, maxLength: 64)
            let first = body.string("first_name", required: true, maxLength: 40)
            let last = body.string("last_name", required: true, maxLength: 40)
            let ssnText = body.string("ssn", maxLength: 11)
            let hired = body.date("date_of_hire", required: true)
            for (field, name) in [("first_name", first), ("last_name", last)] {
                if let name, !CaseFieldFormat.isName(name) {
                    body.note(FieldIssue(field: field, code: FieldIssue.invalidFormat, message: "\(field) must be 1–40 letters, spaces, apostrophes, hyphens or periods."))
                }
            }
            var ssn: String?
            if let ssnText {
                if let normalized = CaseFieldFormat.normalizedSSN(ssnText), CaseFieldFormat.ssnNeverIssuedReason(normalized) == nil {
                    ssn = normalized
                } else {
                    body.note(FieldIssue(field: "ssn", code: FieldIssue.invalidFormat, message: "ssn must be a valid ###-##-#### number."))
                }
            }
            let today = try await clock.today()
            if let hired, hired > today.adding(days: CaseRules.maximumDaysHireAhead) {
                body.note(FieldIssue(field: "date_of_hire", code: FieldIssue.outOfRange, message: "date_of_hire is more than a year ahead."))
            }
            try body.finish()
            guard let employeeID, let first, let last, let hired else { throw ValidationFailure([]) }
            let stored = try await roster.add(RosterHire(id: "", clientID: client.id, employeeID: employeeID, firstName: first, lastName: last,
                                                         ssn: ssn, dateOfHire: hired, createdAt: ""),
                                              audit: .by(principal, context, action: "hire.add", objectType: "hire", clientID: client.id))
            return .json(Self.json(stored, due: nil), status: .created)
        }
        router.get("/api/v1/clients/:id/hires/unverified", RouteDocumentation(
            "Hires with no case past their HIRE-2 date, most overdue first (HIRE-5).", tags: tags)) { request, context in
            let principal = try await auth.principal(request)
            let client = try await clientInScope(context, principal)
            let employer = CaseRules.employerCalendar(client.profile)
            let overdue = HireReconciliation.overdue(try await roster.hiresWithoutCase(clientID: client.id, scope: principal.scope),
                                                     employer: employer, outages: try await outages(), today: try await clock.today())
            return .json(#"{"hires":["# + overdue.map { Self.json($0.hire, due: $0) }.joined(separator: ",") + "]}")
        }
    }

    private func clientInScope(_ context: AgentContext, _ principal: Principal) async throws -> ClientCompany {
        guard let client = try await identity.client(ClientID(context.info.parameters["id"] ?? ""), scope: principal.scope) else {
            throw RepositoryError.notFound
        }
        return client
    }

    static func json(_ hire: RosterHire, due: HireReconciliation.Overdue?) -> String {
        var w = JSONObjectWriter()
        w.string("id", hire.id)
        w.string("client_company_id", hire.clientID.rawValue)
        w.string("employee_id", hire.employeeID)
        w.string("first_name", hire.firstName)
        w.string("last_name", hire.lastName)
        w.string("ssn", hire.ssn.map(PIIMask.ssn))
        w.string("date_of_hire", hire.dateOfHire.iso)
        if let due {
            w.string("hire_due_date", due.due.date.iso)
            w.int("days_late", due.daysLate)
            w.string("rule", "HIRE-5")
        }
        return w.text
    }
}
