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
    /// RET-1: a hire given with a termination date dates its cases (nil: not wired).
    var dates: RetentionDates? = nil

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.post("/api/v1/clients/:id/hires", RouteDocumentation(
            "Add a hire to the client's roster (HIRE-5); a text/csv body adds one per row (employee_id, first_name, last_name, first_day_of_work, work_state, termination_date, ssn) and answers each row's outcome.", tags: tags,
            requestSchema: #"{"type":"object","required":["employee_id","first_name","last_name","date_of_hire"],"properties":{"employee_id":{"type":"string"},"first_name":{"type":"string"},"last_name":{"type":"string"},"ssn":{"type":"string"},"date_of_hire":{"type":"string","format":"date"},"work_state":{"type":"string"},"termination_date":{"type":"string","format":"date"}}}"#,
            responses: [.json("201", Self.hireSchema, "The hire (a JSON body)"),
                        .json("200", Self.csvResultsSchema, "Each CSV row's outcome (a text/csv body)")])) { request, context in
            let principal = try await auth.principal(request)
            let client = try await clientInScope(context, principal)
            try Authenticator.require(!principal.role.isReadOnly, "Auditors have read-only access.")
            let today = try await clock.today()
            let audit = AuditEvent.by(principal, context, action: "hire.add", objectType: "hire", clientID: client.id)
            if let type = request.headers["Content-Type"], RosterCSV.isCSV(type) {
                return try await addFromCSV(request, client: client, today: today, audit: audit)
            }
            var body = try RequestBody(request)
            let hire = Self.readHire(&body, client: client.id, today: today)
            try body.finish()
            guard let hire else { throw ValidationFailure([]) }
            let stored = try await roster.add(hire, audit: audit)
            if stored.terminationDate != nil { try await dates?.hireChanged(stored, audit: audit) }
            return .json(Self.json(stored, due: nil), status: .created)
        }
        router.get("/api/v1/clients/:id/hires/unverified", RouteDocumentation(
            "Hires with no case past their HIRE-2 date, most overdue first (HIRE-5).", tags: tags,
            responses: [.json("200", ResponseSchema.object(["hires": ResponseSchema.array(Self.overdueHireSchema)]))])) { request, context in
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

    /// One hire from a JSON body or a CSV row: every field checked, every problem noted.
    static func readHire(_ body: inout RequestBody, client: ClientID, today: CivilDate) -> RosterHire? {
        let employeeID = body.string("employee_id", required: true, maxLength: 64)
        let first = body.string("first_name", required: true, maxLength: 40)
        let last = body.string("last_name", required: true, maxLength: 40)
        let ssnText = body.string("ssn", maxLength: 11)
        let hired = body.date("date_of_hire", required: true)
        let stateText = body.string("work_state", maxLength: 2)
        let terminated = body.date("termination_date")
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
        let workState = stateText.map { $0.uppercased() }
        if let workState, !USStateCodes.contains(workState) {
            body.note(FieldIssue(field: "work_state", code: FieldIssue.invalidValue, message: "work_state must be a two-letter state or territory code, e.g. CA."))
        }
        if let hired, hired > today.adding(days: CaseRules.maximumDaysHireAhead) {
            body.note(FieldIssue(field: "date_of_hire", code: FieldIssue.outOfRange, message: "date_of_hire is more than a year ahead."))
        }
        if let hired, let terminated, terminated < hired {
            body.note(FieldIssue(field: "termination_date", code: FieldIssue.outOfRange, message: "termination_date is before the first day of work."))
        }
        guard let employeeID, let first, let last, let hired else { return nil }
        return RosterHire(id: "", clientID: client, employeeID: employeeID, firstName: first, lastName: last, ssn: ssn,
                          dateOfHire: hired, workState: workState, terminationDate: terminated, createdAt: "")
    }

    static let hireProperties: [(String, String)] = [
        ("id", ResponseSchema.id), ("client_company_id", ResponseSchema.id), ("employee_id", ResponseSchema.string(minLength: 1, maxLength: 64)),
        ("first_name", ResponseSchema.string(minLength: 1, maxLength: 40)), ("last_name", ResponseSchema.string(minLength: 1, maxLength: 40)),
        ("ssn", ResponseSchema.string(nullable: true, pattern: #"^\*\*\*-\*\*-[0-9]{4}$"#)), ("date_of_hire", ResponseSchema.date),
        ("work_state", ResponseSchema.string(nullable: true, minLength: 2, maxLength: 2)), ("termination_date", ResponseSchema.nullableDate),
    ]
    /// A roster hire as `json(_:due:)` writes it without a due date.
    static let hireSchema = ResponseSchema.object(hireProperties)
    /// A hire past its HIRE-2 date (HIRE-5).
    static let overdueHireSchema = ResponseSchema.object(hireProperties + [
        ("hire_due_date", ResponseSchema.date), ("days_late", ResponseSchema.integer(minimum: 1)), ("rule", ResponseSchema.constant("HIRE-5")),
    ])
    /// `{results: [...]}` of a CSV roster: per row, its line and the hire added (201) or
    /// dated (200), or the problem it got.
    static let csvResultsSchema = ResponseSchema.object(["results": ResponseSchema.array(
        #"{"oneOf":["# + ResponseSchema.object([
            "line": ResponseSchema.integer(minimum: 2), "status": #"{"enum":[200,201]}"#,
            "id": ResponseSchema.id, "employee_id": ResponseSchema.string(minLength: 1),
        ]) + "," + ResponseSchema.object([
            "line": ResponseSchema.integer(minimum: 2), "status": ResponseSchema.integer(minimum: 400, maximum: 599),
            "problem": ResponseSchema.problem,
        ]) + "]}")])

    static func json(_ hire: RosterHire, due: HireReconciliation.Overdue?) -> String {
        var w = JSONObjectWriter()
        w.string("id", hire.id)
        w.string("client_company_id", hire.clientID.rawValue)
        w.string("employee_id", hire.employeeID)
        w.string("first_name", hire.firstName)
        w.string("last_name", hire.lastName)
        w.string("ssn", hire.ssn.map(PIIMask.ssn))
        w.string("date_of_hire", hire.dateOfHire.iso)
        w.string("work_state", hire.workState)
        w.string("termination_date", hire.terminationDate?.iso)
        if let due {
            w.string("hire_due_date", due.due.date.iso)
            w.int("days_late", due.daysLate)
            w.string("rule", "HIRE-5")
        }
        return w.text
    }
}
