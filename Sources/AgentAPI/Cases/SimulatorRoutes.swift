import AgentCore
import Foundation
import GovernmentSimulator
import HTTPCore
import Storage

/// Applies results the government side produced on its own (manual review, referral
/// outcomes) to the cases, then acknowledges them (TNC-8: check regularly).
struct GovernmentUpdates: Sendable {
    let gateway: any GovernmentGateway
    let cases: any CaseRepository

    @discardableResult
    func apply() async throws -> Int {
        let updates = try await gateway.updatedCases()
        var done: [String] = []
        for update in updates {
            let audit = AuditEvent(actor: .system, clientID: nil, action: "case.government_result", objectType: "case",
                                   objectID: update.caseNumber, sourceIP: nil, requestID: nil)
            do {
                _ = try await cases.update(update.caseNumber, scope: .allClients, audit: audit) { c in
                    guard c.progress.isOpen else { return }
                    if update.employeeContacted { CaseWorkflow.employeeContacted(&c.progress) }
                    CaseWorkflow.apply(update.result, on: update.on, to: &c.progress)
                }
            } catch RepositoryError.notFound {
                // A case the agent does not hold (deleted test data): acknowledge it anyway.
            }
            done.append(update.caseNumber)
        }
        if !done.isEmpty { try await gateway.confirmUpdates(caseNumbers: done) }
        if let reviewing = gateway as? any GovernmentUpdatesForReview { try await flag(reviewing.updatesLeftForReview()) }
        return done.count
    }
}

/// `simulator/…`: agent admins drive the simulated DHS/SSA (people, clock, outages).
struct SimulatorRoutes: Sendable {
    let simulator: Simulator
    let auth: Authenticator
    let worker: GovernmentWorker
    let work: BackgroundWorkStore
    /// HIRE-2 dates move with outage windows: the work queue re-plans the items on them.
    let outagesChanged: @Sendable () async throws -> Void
    /// Which side is in use: the `simulator/…` routes exist only when it is the simulator.
    let government: GovernmentSide

    /// Exactly one of the two (a null counts as absent).
    static let clockSchema = """
    {"type":"object","properties":{"set_date":{"type":"string","format":"date"},\
    "advance_work_days":{"type":"integer","minimum":0,"maximum":\(Simulator.maximumAdvanceWorkDays)}},\
    "oneOf":[{"required":["set_date"],"properties":{"set_date":{"type":"string"}}},\
    {"required":["advance_work_days"],"properties":{"advance_work_days":{"type":"integer"}}}]}
    """

    func register(on router: RouterBuilder<AgentContext>) {
        registerOperations(on: router)
        guard government.isSimulated else { return }
        let tags = ["simulator"]
        router.post("/api/v1/simulator/clock", RouteDocumentation(
            "Set the simulated date or advance it by federal work days; every job due in the span runs before the answer.", tags: tags,
            requestSchema: Self.clockSchema, responses: [.json("200", ResponseSchema.object(["today": ResponseSchema.date]))])) { request, _ in
            try await requireAdmin(request)
            var body = try RequestBody(request)
            let date = body.date("set_date")
            let days = body.int("advance_work_days", range: 0...Simulator.maximumAdvanceWorkDays)
            if (date == nil) == (days == nil) {
                body.note(FieldIssue(field: "set_date", code: FieldIssue.required, message: "Give exactly one of set_date and advance_work_days."))
            }
            try body.finish()
            let today: CivilDate
            if let date { today = try await simulator.setDate(date) } else { today = try await simulator.advance(workDays: days ?? 0) }
            // Everything due in the span runs before the answer: results, retries, CASE-7/9.
            await worker.runOnce(force: true)
            return .json(#"{"today":"# + JSONText.quote(today.iso) + "}")
        }
        router.post("/api/v1/simulator/outages", RouteDocumentation(
            "Make the government side fail: a window {from, to}, or {error_rate, seed, latency_ms}.", tags: tags,
            requestSchema: #"{"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"},"error_rate":{"type":"number","minimum":0,"maximum":1},"seed":{"type":"integer","minimum":0},"latency_ms":{"type":"integer","minimum":0,"maximum":10000}}}"#,
            responses: [.json("200", Self.outageStatusSchema)])) { request, _ in
            try await requireAdmin(request)
            let outage = try OutageRequest(request, maxLatencyMs: 10_000)
            if let from = outage.from, let to = outage.to {
                _ = try await simulator.setOutage(from: from, to: to)
                try await outagesChanged()
            } else if let rate = outage.rate {
                try await simulator.setFaults(errorRate: rate, seed: UInt64(outage.seed ?? 0), latencyMs: outage.latencyMs ?? 0)
            } else {
                throw OutageRequest.neither
            }
            return await statusResponse()
        }
        router.delete("/api/v1/simulator/outages", RouteDocumentation(
            "Bring the government side back: remove every outage window (past ones too, so HIRE-2 due dates no longer move) and turn random failures off.",
            tags: tags, responses: [.json("200", Self.outageStatusSchema)])) { request, _ in
            try await requireAdmin(request)
            try await simulator.clearOutages()
            try await outagesChanged()
            try await simulator.setFaults(errorRate: 0, seed: 0, latencyMs: 0)
            // Queued submissions go out now rather than at their next backoff.
            await worker.runOnce(force: true)
            return await statusResponse()
        }
        router.post("/api/v1/simulator/people", RouteDocumentation(
            "Add a synthetic person to the simulated SSA/DHS records.", tags: tags,
            requestSchema: SimulatedPersonSchema.request,
            responses: [.json("201", ResponseSchema.object(["ssn": ResponseSchema.string(pattern: #"^\*\*\*-\*\*-[0-9]{4}$"#)]),
                              "The person, named by the masked SSN")])) { request, _ in
            try await requireAdmin(request)
            let person = try Self.person(from: request)
            try await simulator.addPerson(person)
            return .json(#"{"ssn":"# + JSONText.quote(PIIMask.ssn(person.ssn)) + "}", status: .created)
        }
    }

    /// GET `operations/government`, in both modes.
    private func registerOperations(on router: RouterBuilder<AgentContext>) {
        router.get("/api/v1/operations/government", RouteDocumentation(
            "The government side's state and the submission queue with retry counts. Agent admins.", tags: ["operations"],
            responses: [.json("200", Self.governmentStatusSchema)])) { request, _ in
            try await requireAdmin(request)
            let status = await government.status()
            let queued = try await work.allSubmissions()
            var w = JSONObjectWriter()
            w.string("mode", status.connection.mode)
            w.bool("up", status.up)
            w.string("detail", status.detail)
            w.string("last_login_at", status.connection.lastLoginAt)
            w.string("last_poll_at", status.connection.lastPollAt)
            w.string("last_error", status.connection.lastError)
            w.string("last_error_at", status.connection.lastErrorAt)
            w.int("queue_depth", queued.count)
            w.raw("queued_submissions", "[" + queued.map { q in
                var item = JSONObjectWriter()
                item.string("case_number", q.caseNumber)
                item.int("attempts", q.attempts)
                item.string("next_attempt_at", UTCTime.iso(milliseconds: q.nextAttemptAtMs))
                item.string("last_error", q.lastError)
                return item.text
            }.joined(separator: ",") + "]")
            return .json(w.text)
        }
    }

    /// `{up, detail}` of both outage routes.
    static let outageStatusSchema = ResponseSchema.object(["up": ResponseSchema.boolean(), "detail": ResponseSchema.string()])
    /// GET `operations/government`.
    static let governmentStatusSchema = ResponseSchema.object([
        "mode": ResponseSchema.enumeration(["simulate", "ica"]), "up": ResponseSchema.boolean(), "detail": ResponseSchema.string(),
        "last_login_at": ResponseSchema.string(nullable: true), "last_poll_at": ResponseSchema.string(nullable: true),
        "last_error": ResponseSchema.string(nullable: true), "last_error_at": ResponseSchema.string(nullable: true),
        "queue_depth": ResponseSchema.integer(minimum: 0),
        "queued_submissions": ResponseSchema.array(ResponseSchema.object([
            "case_number": CaseRepresentation.caseNumberSchema, "attempts": ResponseSchema.integer(minimum: 0),
            "next_attempt_at": ResponseSchema.dateTime, "last_error": ResponseSchema.string(nullable: true),
        ])),
    ])

    private func requireAdmin(_ request: HTTPRequest) async throws {
        let principal = try await auth.principal(request)
        try Authenticator.require(principal.role == .agentAdmin, "Only agent admins drive the simulator.")
    }

    /// Agency delays of the sandbox people are bounded: no real case waits years.
    static let maximumWorkDays = 1000

    static func person(from request: HTTPRequest) throws -> SimulatedPerson {
        var body = try RequestBody(request)
        let ssn = body.string("ssn", required: true, maxLength: 11)
        let first = body.string("first_name", required: true, maxLength: 40)
        let last = body.string("last_name", required: true, maxLength: 40)
        let dob = body.date("date_of_birth", required: true)
        let citizenshipText = body.string("citizenship_status_code", required: true, maxLength: 40)
        let citizenship = citizenshipText.flatMap(CitizenshipStatus.init(code:))
        if citizenshipText != nil && citizenship == nil {
            body.note(FieldIssue(field: "citizenship_status_code", code: FieldIssue.invalidValue, message: "Unknown citizenship status."))
        }
        let alien = body.string("alien_number", maxLength: 10)
        let i94 = body.string("i94_number", maxLength: 11)
        let passport = body.string("us_passport_number", maxLength: 12)
        var photo: [UInt8]?
        if let text = body.string("photo", maxLength: 4 << 20) {
            photo = Data(base64Encoded: text).map(Array.init)
            if photo == nil { body.note(FieldIssue(field: "photo", code: FieldIssue.invalidFormat, message: "photo must be base64.")) }
        }
        // The nested objects are read as strictly as the body: typed, ranged, unknown keys refused.
        var ssa = SimulatedSSARecord()
        if var o = body.nested("ssa") {
            if let v = o.bool("deceased") { ssa.deceased = v }
            if let v = o.bool("citizenship_confirmed") { ssa.citizenshipConfirmed = v }
            body.absorb(o)
        }
        var dhs = SimulatedDHSRecord()
        if var o = body.nested("dhs") {
            if let v = o.bool("work_authorized") { dhs.workAuthorized = v }
            if let v = o.int("needs_more_time_days", range: 0...Self.maximumWorkDays) { dhs.needsMoreTimeDays = v }
            if let v = o.bool("close_and_resubmit") { dhs.closeAndResubmit = v }
            body.absorb(o)
        }
        var referral = SimulatedReferralBehaviour()
        if var o = body.nested("on_referral") {
            if let v = o.bool("employee_contacts_agency") { referral.employeeContactsAgency = v }
            if let text = o.string("result", maxLength: 40) {
                if let result = SimulatedReferralResult(rawValue: text) { referral.result = result } else {
                    o.note(FieldIssue(field: "on_referral.result", code: FieldIssue.invalidValue,
                                      message: "EMPLOYMENT_AUTHORIZED, FINAL_NONCONFIRMATION or CASE_IN_CONTINUANCE."))
                }
            }
            if let v = o.int("after_work_days", range: 0...Self.maximumWorkDays) { referral.afterWorkDays = v }
            // Present but null: the continuance never resolves (the employer closes the case).
            if o.has("continuance_work_days") {
                referral.continuanceWorkDays = o.int("continuance_work_days", range: 1...Self.maximumWorkDays)
            }
            body.absorb(o)
        }
        try body.finish()
        guard let ssn, let first, let last, let dob, let citizenship else { throw ValidationFailure([]) }
        return SimulatedPerson(ssn: ssn, firstName: first, lastName: last, dateOfBirth: dob, citizenshipStatus: citizenship,
                               alienNumber: alien, i94Number: i94, usPassportNumber: passport, photo: photo, ssa: ssa, dhs: dhs,
                               onReferral: referral)
    }

    /// `{up, detail}`: the answer of both outage routes.
    private func statusResponse() async -> HTTPResponse {
        let status = await simulator.status()
        return .json(#"{"up":\#(status.up),"detail":"# + JSONText.quote(status.detail) + "}")
    }
}

extension SimulatorError: ProblemConvertible {
    /// The government side refused a step out of order: the agent's state and the
    /// simulator's disagree, which the caller can only resolve by reading the case again.
    public var problem: ProblemDetails {
        ProblemDetails(status: .conflict, type: "government-refused-step", title: "Government side refused the step",
                       detail: "The simulated DHS/SSA refused this step: \(description)")
    }
}

/// The body of POST `simulator/outages` and of the ICA sandbox's `/sandbox/outages`: a
/// window `{from, to}`, or faults `{error_rate, seed, latency_ms}`.
struct OutageRequest {
    var from: String?
    var to: String?
    var rate: Double?
    var seed: Int?
    var latencyMs: Int?

    static let neither = ValidationFailure([FieldIssue(field: "from", code: FieldIssue.required,
                                                       message: "Give {from, to} or {error_rate, seed, latency_ms}.")])

    init(_ request: HTTPRequest, maxLatencyMs: Int) throws {
        var body = try RequestBody(request)
        from = body.string("from", maxLength: 40)
        to = body.string("to", maxLength: 40)
        if let value = body.raw("error_rate") {
            if case .number(let number) = value, (0...1).contains(number) { rate = number } else {
                body.note(FieldIssue(field: "error_rate", code: FieldIssue.outOfRange, message: "error_rate is a number from 0 to 1."))
            }
        }
        seed = body.int("seed", range: 0...Int.max)
        latencyMs = body.int("latency_ms", range: 0...maxLatencyMs)
        try body.finish()
    }
}
