/// A case with the simulated person it matched: what every step of the simulator reads.
public struct SimulatedCaseFile: Sendable, Equatable {
    public var simulatedCase: SimulatedCase
    /// Nil when the case's SSN is unknown, or the person was since removed.
    public var person: SimulatedPerson?

    public init(simulatedCase: SimulatedCase, person: SimulatedPerson?) {
        self.simulatedCase = simulatedCase
        self.person = person
    }
}

/// A produced update waiting for the agent's confirmation, numbered in the order the
/// simulator produced it.
public struct SimulatedUpdateRecord: Sendable, Equatable {
    public var sequence: Int64
    public var update: GovernmentUpdate

    public init(sequence: Int64, update: GovernmentUpdate) {
        self.sequence = sequence
        self.update = update
    }
}

/// What one simulator step changed, written at once: the cases it touched (stored
/// whole, replacing the previous version, pending job included) and the updates it
/// produced, appended in order.
public struct SimulatorChanges: Sendable, Equatable {
    public var cases: [SimulatedCase]
    public var updates: [GovernmentUpdate]

    public init(cases: [SimulatedCase] = [], updates: [GovernmentUpdate] = []) {
        self.cases = cases
        self.updates = updates
    }

    public var isEmpty: Bool { cases.isEmpty && updates.isEmpty }
}

/// Where the simulated government side keeps its records, so a restart loses nothing:
/// people, cases with their pending jobs, produced updates, outages, faults and clock.
/// Storage implements it on SQLite; the simulator also ships an in-memory one.
///
/// The simulator serializes its own calls, so an implementation needs no locking
/// beyond being safe to call from any task; each call must be atomic on its own.
public protocol SimulatorStore: Sendable {
    /// The stored settings, or the defaults (offset 0, no faults, no outages).
    func loadSettings() async throws -> SimulatorSettings
    /// Replaces the settings, outages included.
    func saveSettings(_ settings: SimulatorSettings) async throws

    func person(ssn: String) async throws -> SimulatedPerson?
    /// Every person, by SSN.
    func people() async throws -> [SimulatedPerson]
    /// Stores `person`, replacing any record with the same SSN.
    func savePerson(_ person: SimulatedPerson) async throws
    /// Stores those of `people` whose SSN is not stored yet; returns how many it stored.
    func insertPeopleIfAbsent(_ people: [SimulatedPerson]) async throws -> Int

    /// The case with its person, or nil for an unknown case number.
    func caseFile(caseNumber: String) async throws -> SimulatedCaseFile?
    /// What a submission reads: the case when it was submitted already, otherwise the
    /// person of `ssn` (nil when there is none). One read where the store can.
    func submissionFile(caseNumber: String, ssn: String) async throws -> (existing: SimulatedCaseFile?, person: SimulatedPerson?)
    /// Every case whose pending job is due on or before `date`, by due date, then
    /// case number.
    func caseFilesWithJobs(dueThrough date: CivilDate) async throws -> [SimulatedCaseFile]
    /// Every pending job, by due date, then case number.
    func pendingJobs() async throws -> [SimulatedJob]
    /// Applies `changes` in one transaction.
    func commit(_ changes: SimulatorChanges) async throws
    /// `changes` as a write the agent's case repository can commit in its own transaction
    /// (see `AttachedWrite`), or nil when this store cannot be joined so (then `commit`).
    func attachable(_ changes: SimulatorChanges) throws -> (any AttachedWrite)?

    /// Updates not yet confirmed, oldest first.
    func pendingUpdates() async throws -> [SimulatedUpdateRecord]
    /// Removes the pending updates of `caseNumbers` numbered at most `sequence`.
    func removeUpdates(caseNumbers: [String], throughSequence sequence: Int64) async throws
}

extension SimulatorStore {
    public func attachable(_ changes: SimulatorChanges) throws -> (any AttachedWrite)? { nil }

    public func submissionFile(caseNumber: String, ssn: String) async throws -> (existing: SimulatedCaseFile?, person: SimulatedPerson?) {
        if let existing = try await caseFile(caseNumber: caseNumber) { return (existing, nil) }
        return (nil, try await person(ssn: ssn))
    }
}

/// A stable text form of `GovernmentResult` for storing it (the simulator's tables and
/// any other store that needs one): `EMPLOYMENT_AUTHORIZED`,
/// `UNCONFIRMED_DATA:first_name,date_of_birth`, `MANUAL_REVIEW:2025-03-05`,
/// `TENTATIVE_NONCONFIRMATION:DHS_TNC`, …
extension GovernmentResult {
    public var simulationCode: String {
        switch self {
        case .employmentAuthorized: "EMPLOYMENT_AUTHORIZED"
        case .unconfirmedData(let fields): "UNCONFIRMED_DATA:" + fields.joined(separator: ",")
        case .photoMatchRequired: "PHOTO_MATCH"
        case .scanAndUploadRequired: "SCAN_AND_UPLOAD"
        case .manualReview(let expectedBy): "MANUAL_REVIEW:" + expectedBy.iso
        case .tentativeNonconfirmation(let kind): "TENTATIVE_NONCONFIRMATION:" + kind.rawValue
        case .caseInContinuance: "CASE_IN_CONTINUANCE"
        case .closeCaseAndResubmit: "CLOSE_CASE_AND_RESUBMIT"
        case .finalNonconfirmation: "FINAL_NONCONFIRMATION"
        }
    }

    /// The result `simulationCode` spelled; nil for any other text.
    public init?(simulationCode code: String) {
        let (head, detail): (Substring, Substring?) = {
            guard let colon = code.firstIndex(of: ":") else { return (Substring(code), nil) }
            return (code[..<colon], code[code.index(after: colon)...])
        }()
        switch (head, detail) {
        case ("EMPLOYMENT_AUTHORIZED", nil): self = .employmentAuthorized
        case ("UNCONFIRMED_DATA", let fields?):
            self = .unconfirmedData(fields: fields.isEmpty ? [] : fields.split(separator: ",").map(String.init))
        case ("PHOTO_MATCH", nil): self = .photoMatchRequired
        case ("SCAN_AND_UPLOAD", nil): self = .scanAndUploadRequired
        case ("MANUAL_REVIEW", let date?):
            guard let expectedBy = CivilDate(storedISO: String(date)) else { return nil }
            self = .manualReview(expectedBy: expectedBy)
        case ("TENTATIVE_NONCONFIRMATION", let kind?):
            guard let mismatch = MismatchKind(rawValue: String(kind)) else { return nil }
            self = .tentativeNonconfirmation(mismatch)
        case ("CASE_IN_CONTINUANCE", nil): self = .caseInContinuance
        case ("CLOSE_CASE_AND_RESUBMIT", nil): self = .closeCaseAndResubmit
        case ("FINAL_NONCONFIRMATION", nil): self = .finalNonconfirmation
        default: return nil
        }
    }
}
