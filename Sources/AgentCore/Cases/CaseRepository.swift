/// A case as stored: the employee data as entered (personal data: encrypted at rest) and
/// the lifecycle.
public struct StoredCase: Sendable, Equatable {
    public var caseNumber: String
    public var clientID: ClientID
    public var createdBy: UserID
    public var input: CaseInput
    public var progress: CaseProgress
    public var createdAt: String
    public var updatedAt: String
    /// The repository's token of the stored state this value was read as (empty when
    /// not read from storage): an update starting from this value writes only if the
    /// case is still in that state. Not part of the case's value (`==` ignores it).
    public var version: [UInt8]

    public init(caseNumber: String, clientID: ClientID, createdBy: UserID, input: CaseInput, progress: CaseProgress,
                createdAt: String, updatedAt: String, version: [UInt8] = []) {
        self.caseNumber = caseNumber
        self.clientID = clientID
        self.createdBy = createdBy
        self.input = input
        self.progress = progress
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public static func == (a: StoredCase, b: StoredCase) -> Bool {
        a.caseNumber == b.caseNumber && a.clientID == b.clientID && a.createdBy == b.createdBy && a.input == b.input
            && a.progress == b.progress && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt
    }
}

/// Another case of the same client with the same SSN (CASE-5, CASE-8).
public struct DuplicateCandidate: Sendable, Equatable {
    public var caseNumber: String
    public var status: CaseStatus
    public var createdOn: CivilDate
    /// How it closed, if it did (HIRE-6: an authorized employee is never verified again).
    public var eligibility: EligibilityStatement?
    public init(caseNumber: String, status: CaseStatus, createdOn: CivilDate, eligibility: EligibilityStatement? = nil) {
        self.caseNumber = caseNumber
        self.status = status
        self.createdOn = createdOn
        self.eligibility = eligibility
    }
}

/// Persistence of cases. Reads take the caller's `AccessScope`; every change carries its
/// audit event (the case history) and commits with it, in one transaction with the
/// change feed, the submission queue and the answer kept for an Idempotency-Key.
public protocol CaseRepository: Sendable {
    /// Creates a draft with a new case number. `admit` sees the client's other cases with
    /// the same SSN inside the same transaction and may throw to refuse (CASE-5, CASE-8).
    /// RET-1: when the roster already shows the employee terminated (by employee id or
    /// SSN), the draft gets its termination and retention dates in that transaction too,
    /// with a `case.retention` entry in its history.
    func create(clientID: ClientID, createdBy: UserID, input: CaseInput, ssn: String, today: CivilDate, audit: AuditEvent,
                receipt: CaseChangeReceipt?,
                admit: @escaping @Sendable ([DuplicateCandidate]) throws -> Void) async throws -> StoredCase
    func find(_ caseNumber: String, scope: AccessScope) async throws -> StoredCase?
    /// The case an action is about to change (passing it to `update` as `known`): as
    /// `find`, but an implementation may answer from what it wrote moments ago instead of
    /// reading. The update's version check makes such a copy safe: if the case moved on
    /// since, the change starts again from the stored case.
    func findForChange(_ caseNumber: String, scope: AccessScope) async throws -> StoredCase?
    func list(scope: AccessScope, clientID: ClientID?, status: CaseStatus?, limit: Int, after cursor: String?) async throws -> Page<StoredCase>
    /// Reads, changes and writes one case atomically; the history entry records what changed.
    /// `transform` may run more than once (a concurrent change to the same case makes the
    /// write start again from the newer state), so it must do nothing but change the case.
    func update(_ caseNumber: String, scope: AccessScope, audit: AuditEvent, receipt: CaseChangeReceipt?,
                _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase
    /// The same, starting from `known` (read by the caller with `scope`), which saves a
    /// read when nothing changed the case since. `attached` (another store's change, see
    /// `AttachedWrite`) commits in the same transaction as the case, and only if the case
    /// is written: when `transform` throws, neither is.
    func update(_ known: StoredCase, scope: AccessScope, audit: AuditEvent, receipt: CaseChangeReceipt?,
                attaching attached: (any AttachedWrite)?,
                _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase
    /// Changes every case of `caseNumbers` in one transaction: all are written or none
    /// (an import). `transform` throwing for any case writes nothing.
    func updateAll(_ caseNumbers: [String], scope: AccessScope, audit: AuditEvent,
                   _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> [StoredCase]
    func duplicates(clientID: ClientID, ssn: String) async throws -> [DuplicateCandidate]
    /// Cases whose status changed since the client last acknowledged them.
    func changedCases(scope: AccessScope, limit: Int) async throws -> [StoredCase]
    /// Removes the cases from the changed-case feed; each one removed gets `audit` (with
    /// its case number) in its history.
    func acknowledgeChanges(scope: AccessScope, caseNumbers: [String], audit: AuditEvent) async throws -> Int
    /// The case's history: its audit entries, oldest first.
    func history(_ caseNumber: String, scope: AccessScope) async throws -> [CaseHistoryEntry]?
}

extension CaseRepository {
    public func findForChange(_ caseNumber: String, scope: AccessScope) async throws -> StoredCase? {
        try await find(caseNumber, scope: scope)
    }

    public func create(clientID: ClientID, createdBy: UserID, input: CaseInput, ssn: String, today: CivilDate, audit: AuditEvent,
                       admit: @escaping @Sendable ([DuplicateCandidate]) throws -> Void) async throws -> StoredCase {
        try await create(clientID: clientID, createdBy: createdBy, input: input, ssn: ssn, today: today, audit: audit, receipt: nil, admit: admit)
    }

    public func update(_ caseNumber: String, scope: AccessScope, audit: AuditEvent,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        try await update(caseNumber, scope: scope, audit: audit, receipt: nil, transform)
    }

    public func update(_ known: StoredCase, scope: AccessScope, audit: AuditEvent,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        try await update(known, scope: scope, audit: audit, receipt: nil, attaching: nil, transform)
    }

    public func update(_ known: StoredCase, scope: AccessScope, audit: AuditEvent, receipt: CaseChangeReceipt?,
                       _ transform: @escaping @Sendable (inout StoredCase) throws -> Void) async throws -> StoredCase {
        try await update(known, scope: scope, audit: audit, receipt: receipt, attaching: nil, transform)
    }
}

/// One entry of a case's history.
public struct CaseHistoryEntry: Sendable, Equatable {
    public var at: String
    public var actorType: String
    public var actorID: String?
    public var action: String
    public var changes: String
    public var requestID: String?
    public init(at: String, actorType: String, actorID: String?, action: String, changes: String, requestID: String?) {
        self.at = at
        self.actorType = actorType
        self.actorID = actorID
        self.action = action
        self.changes = changes
        self.requestID = requestID
    }
}
