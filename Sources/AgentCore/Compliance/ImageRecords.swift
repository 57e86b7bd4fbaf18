/// The kinds of IMAGE record a client keeps (IMG-4, IMG-5, IMG-6, IMG-9), named as their routes.
public enum ImageRecordKind: String, Sendable, CaseIterable {
    case noMatchLetter = "no_match_letters"
    case selfReport = "self_reports"
    case audit = "audits"
    case contractorAssessment = "contractor_assessments"
}

/// One IMAGE record: its dates in the clear (the work queue and the annual report count
/// them), its members as JSON text, sealed at rest (they may name people).
public struct ImageRecord: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var kind: ImageRecordKind
    /// received_on, discovered_on, performed_on or assessed_on.
    public var recordDate: CivilDate
    /// A no-match letter's resolved_on.
    public var resolvedOn: CivilDate?
    /// The record's own members as JSON object members (`"a":1,"b":"x"`).
    public var members: String
    public var createdAt: String
    public var createdBy: String?
    public var updatedAt: String

    public init(id: String, clientID: ClientID, kind: ImageRecordKind, recordDate: CivilDate, resolvedOn: CivilDate?, members: String,
                createdAt: String, createdBy: String?, updatedAt: String) {
        self.id = id
        self.clientID = clientID
        self.kind = kind
        self.recordDate = recordDate
        self.resolvedOn = resolvedOn
        self.members = members
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
    }
}

/// A tip sent to a client's tip line (IMG-7). Message, contact and reply are sealed at rest.
public struct Tip: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var message: String
    public var contact: String?
    public var receivedAt: String
    public var receivedOn: CivilDate
    public var reply: String?
    public var repliedAt: String?
    public init(id: String, clientID: ClientID, message: String, contact: String?, receivedAt: String, receivedOn: CivilDate,
                reply: String? = nil, repliedAt: String? = nil) {
        self.id = id
        self.clientID = clientID
        self.message = message
        self.contact = contact
        self.receivedAt = receivedAt
        self.receivedOn = receivedOn
        self.reply = reply
        self.repliedAt = repliedAt
    }
}

/// Too many tips from one address in the last hour (429).
public struct TipRateLimited: Error, Sendable, Equatable {
    public let retryAfterSeconds: Int
    public init(retryAfterSeconds: Int) { self.retryAfterSeconds = retryAfterSeconds }
}

/// The work the IMAGE records raise (IMG-4, IMG-6, IMG-7).
public enum ImageWorkItems {
    public static func auditDue(_ lastAudit: ImageRecord, settings: ImageSettings) -> WorkItem {
        WorkItem(kind: .i9AuditDue, rule: "IMG-4", clientID: lastAudit.clientID, subject: WorkSubject(.audit, lastAudit.id),
                 dueDate: ImageRules.nextAuditDue(lastAudit: lastAudit.recordDate, settings: settings),
                 title: "The next Form I-9 audit is due", action: "POST /api/v1/clients/{id}/audits")
    }

    public static func noMatchLetter(_ letter: ImageRecord) -> WorkItem? {
        guard letter.kind == .noMatchLetter, letter.resolvedOn == nil else { return nil }
        return WorkItem(kind: .noMatchLetter, rule: "IMG-6", clientID: letter.clientID, subject: WorkSubject(.noMatchLetter, letter.id),
                        dueDate: letter.recordDate.adding(days: ImageRules.noMatchFollowUpDays),
                        title: "Follow up the SSA no-match letter received \(letter.recordDate.iso)", action: "PATCH /api/v1/no_match_letters/{id}")
    }

    public static func tipUnanswered(_ tip: Tip, federal: FederalCalendar) -> WorkItem? {
        guard tip.reply == nil else { return nil }
        return WorkItem(kind: .tipUnanswered, rule: "IMG-7", clientID: tip.clientID, subject: WorkSubject(.tip, tip.id),
                        dueDate: federal.addingFederalWorkDays(ImageRules.tipAnswerWorkDays, to: tip.receivedOn), clock: .real,
                        title: "Answer the tip received \(tip.receivedOn.iso)", action: "POST /api/v1/tips/{id}/reply")
    }
}

/// Persistence of IMAGE settings, records and tips; each change audited and its work items
/// planned in the same transaction.
public protocol ImageRepository: Sendable {
    func settings(clientID: ClientID) async throws -> ImageSettings
    /// Applies the input inside the write (the rules see the stored settings); `newToken` for a new tip token.
    func updateSettings(clientID: ClientID, input: ImageSettingsInput, newToken: String, audit: AuditEvent) async throws -> ImageSettings
    func createRecord(_ record: ImageRecord, audit: AuditEvent) async throws -> ImageRecord
    func records(clientID: ClientID, kind: ImageRecordKind, limit: Int, after cursor: String?) async throws -> Page<ImageRecord>
    func record(_ id: String, kind: ImageRecordKind, scope: AccessScope) async throws -> ImageRecord?
    func updateRecord(_ record: ImageRecord, audit: AuditEvent) async throws -> ImageRecord
    /// The client whose enabled tip line has this token.
    func client(forTipToken token: String) async throws -> ClientID?
    /// Stores a tip unless `sourceKey` sent `limitPerHour` already in the last hour (`TipRateLimited`).
    func submitTip(clientID: ClientID, message: String, contact: String?, followUpCode: String, sourceKey: [UInt8], limitPerHour: Int,
                   receivedOn: CivilDate) async throws -> Tip
    func tip(clientID: ClientID, followUpCode: String) async throws -> Tip?
    func tips(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Tip>
    func tip(_ id: String, scope: AccessScope) async throws -> Tip?
    func reply(to tipID: String, reply: String, audit: AuditEvent) async throws -> Tip
    /// The annual report's own inputs (IMG-10) as JSON members, if recorded.
    func annualInputs(clientID: ClientID, year: Int) async throws -> String?
    func saveAnnualInputs(clientID: ClientID, year: Int, members: String, audit: AuditEvent) async throws
    /// How many records of each kind, and tips, fall in `year` (by their record date).
    func yearCounts(clientID: ClientID, year: Int) async throws -> [String: Int]
}
