import AgentCore
import HTTPCore
import Notices
import Storage

/// The routes of API.md "Cases", sharing their dependencies and the steps every case
/// action takes: load in scope, check the state, ask the government side, store.
struct CaseAPI: Sendable {
    let cases: any CaseRepository
    let identity: any IdentityRepository
    let auth: Authenticator
    let gateway: any GovernmentGateway
    let clock: any ServiceClock
    let federal: FederalCalendar
    let idempotency: IdempotencyGate
    /// Nil when the renderer could not start (missing fonts): notices then answer 503.
    let notices: NoticeRenderer?
    /// Government-side outage windows as whole dates (HIRE-2 stops for them).
    let outages: @Sendable () async throws -> [ClosedRange<CivilDate>]
    /// Where an error no problem describes is logged when a route answers it itself.
    let unexpectedErrors: UnexpectedErrorReport

    func register(on router: RouterBuilder<AgentContext>) {
        registerCreation(on: router)
        registerBatches(on: router)
        registerActions(on: router)
        registerQueries(on: router)
    }

    /// The client a case is for: agent staff name it; a client's own users may omit it.
    func clientFor(_ principal: Principal, named: String?) async throws -> ClientCompany? {
        let id: ClientID
        if let named {
            id = ClientID(named)
        } else if let own = principal.clientID {
            id = own
        } else {
            return nil
        }
        return try await identity.client(id, scope: principal.scope)
    }

    func profile(of clientID: ClientID) async throws -> ClientProfile {
        guard let client = try await identity.client(clientID, scope: .allClients) else { throw RepositoryError.notFound }
        return client.profile
    }

    /// The case in the caller's scope. A purged case (RET-2) is refused (409) unless the
    /// route only shows it (`allowPurged`): nothing of it is left to act on or render.
    /// An action that passes the case on to `cases.update` loads it `forChange`: the
    /// repository may then answer from its own recent write (see `findForChange`).
    func load(_ number: String, _ principal: Principal, allowPurged: Bool = false, forChange: Bool = false) async throws -> StoredCase {
        let found = forChange ? try await cases.findForChange(number, scope: principal.scope)
                              : try await cases.find(number, scope: principal.scope)
        guard let stored = found else { throw RepositoryError.notFound }
        if !allowPurged, let purge = stored.progress.purge { throw PurgedCaseRefusal(caseNumber: number, purgedOn: purge.on) }
        return stored
    }

    /// The case's deadlines under the client's calendar and the outages in `context`.
    func deadlines(_ c: StoredCase, in context: CaseContext) -> [Deadline] {
        guard let hire = c.input.dateOfHire else { return [] }
        let employer = CaseRules.employerCalendar(context.profile)
        return CaseDeadlines.of(c.progress, dateOfHire: hire, existingEmployee: c.input.existingEmployee ?? false, employer: employer,
                                federal: federal, outages: context.outages)
    }

    func statusResponse(_ c: StoredCase, status: HTTPStatus = .ok, profile: ClientProfile? = nil) async throws -> HTTPResponse {
        .json(try await statusJSON(c, profile: profile), status: status)
    }

    func fullResponse(_ c: StoredCase, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        .json(try await fullJSON(c), status: status)
    }

    /// Pass `profile` when the caller has it already: each read of it is a storage call.
    func statusJSON(_ c: StoredCase, profile known: ClientProfile? = nil) async throws -> String {
        let profile = if let known { known } else { try await profile(of: c.clientID) }
        return statusJSON(c, in: CaseContext(profile: profile, today: c.progress.createdOn, outages: try await outages()))
    }

    func fullJSON(_ c: StoredCase, profile known: ClientProfile? = nil) async throws -> String {
        let profile = if let known { known } else { try await profile(of: c.clientID) }
        return fullJSON(c, in: CaseContext(profile: profile, today: c.progress.createdOn, outages: try await outages()))
    }

    /// Rendering with everything at hand, so an answer can be built before a write (and
    /// kept for an Idempotency-Key) without a storage call.
    func statusJSON(_ c: StoredCase, in context: CaseContext) -> String {
        CaseRepresentation.status(c, deadlines: deadlines(c, in: context), reviewRequired: context.profile.requireSecondaryReview)
    }

    func fullJSON(_ c: StoredCase, in context: CaseContext) -> String {
        CaseRepresentation.full(c, deadlines: deadlines(c, in: context), reviewRequired: context.profile.requireSecondaryReview)
    }

    /// The answer of an action on a case of `clientID`: what rendering needs is read now,
    /// so the answer is built (and kept for an Idempotency-Key) without a storage call.
    func actionAnswer(for clientID: ClientID, profile known: ClientProfile? = nil, today: CivilDate,
                      status: HTTPStatus = .ok) async throws -> @Sendable (StoredCase) -> HTTPResponse {
        let profile = if let known { known } else { try await profile(of: clientID) }
        return statusAnswer(in: try await context(profile, today: today), status: status)
    }

    /// The answer of a case action: the status object, rendered from the case as stored.
    func statusAnswer(in context: CaseContext, status: HTTPStatus = .ok) -> @Sendable (StoredCase) -> HTTPResponse {
        { c in .json(self.statusJSON(c, in: context), status: status) }
    }

    /// The flat objects of several cases, reading each client's profile once.
    func fullJSON(_ cases: [StoredCase]) async throws -> [String] {
        var profiles: [ClientID: ClientProfile] = [:]
        var items: [String] = []
        for c in cases {
            let profile = if let cached = profiles[c.clientID] { cached } else { try await profile(of: c.clientID) }
            profiles[c.clientID] = profile
            items.append(try await fullJSON(c, profile: profile))
        }
        return items
    }

    func context(_ profile: ClientProfile, today: CivilDate, createdOn: CivilDate? = nil) async throws -> CaseContext {
        CaseContext(profile: profile, today: today, outages: try await outages(), createdOn: createdOn)
    }

    /// The data the government side matches, from a validated case.
    static func governmentRequest(_ number: String, _ d: CaseData) -> GovernmentCaseRequest {
        var request = GovernmentCaseRequest(caseNumber: number, firstName: d.firstName, middleInitial: d.middleInitial, lastName: d.lastName,
                              otherLastNames: d.otherLastNamesUsed, dateOfBirth: d.dateOfBirth, ssn: d.ssn,
                              citizenshipStatus: d.citizenshipStatus, alienNumber: d.alienNumber, i94Number: d.i94Number,
                              foreignPassportNumber: d.foreignPassportNumber, countryCode: d.countryCode,
                              usPassportNumber: d.usPassportNumber, i551Number: d.i551Number, i766Number: d.i766Number,
                              documentAType: d.documents.listA?.code, documentBType: d.documents.listB?.code,
                              documentCType: d.documents.listC?.code, documentExpirationDate: d.expirationDate,
                              dateOfHire: d.dateOfHire)
        request.skipPhotoMatch = d.reusePreviousI9
        return request
    }

    static func event(_ principal: Principal, _ context: AgentContext, _ action: String) -> AuditEvent {
        .by(principal, context, action: action, objectType: "case")
    }

    static func caseNumber(_ context: AgentContext) -> String { context.info.parameters["n"] ?? "" }
}
