/// Storage of a client's IMAGE settings, records, annual-report statements and tips. Every
/// write commits with its audit entry and the work-queue items it raises or settles.
public protocol ImageRecordRepository: Sendable {
    /// The client's settings (defaults when never set) and its tip-line token, if any.
    func settings(_ clientID: ClientID) async throws -> (settings: ImageSettings, tipToken: String?)
    /// Applies `input` (checked by `ImageRules`); `tipToken` becomes the client's token when
    /// the tip line is enabled and it has none yet.
    func updateSettings(_ clientID: ClientID, input: ImageSettingsInput, today: CivilDate, tipToken: String,
                        audit: AuditEvent) async throws -> ImageSettings
    /// A new tip-line token; the old one stops working at once.
    func rotateTipToken(_ clientID: ClientID, token: String, audit: AuditEvent) async throws

    func create(_ body: ImageRecordBody, clientID: ClientID, createdBy: UserID?, audit: AuditEvent) async throws -> ImageRecord
    func record(_ id: String, kind: ImageRecordKind, scope: AccessScope) async throws -> ImageRecord?
    func records(clientID: ClientID, kind: ImageRecordKind, limit: Int, after cursor: String?) async throws -> Page<ImageRecord>
    /// Changes a record; `transform` may refuse by throwing, and then nothing is written.
    func update(_ id: String, kind: ImageRecordKind, scope: AccessScope, audit: AuditEvent,
                _ transform: @escaping @Sendable (ImageRecordBody) throws -> ImageRecordBody) async throws -> ImageRecord

    func statement(clientID: ClientID, year: Int) async throws -> ImageAnnualReport.Statement?
    func fileStatement(_ statement: ImageAnnualReport.Statement, clientID: ClientID, year: Int, audit: AuditEvent) async throws
    /// Records of each kind dated in `year`, and tips received in it.
    func yearCounts(clientID: ClientID, year: Int) async throws -> (audits: Int, selfReports: Int, noMatchLetters: Int, tips: Int)

    /// The client whose enabled tip line has this token.
    func tipLine(token: String) async throws -> ClientID?
    /// Stores a tip; `followUpIndex` is the keyed hash of the code the tipster keeps.
    func addTip(clientID: ClientID, message: String, contact: String?, followUpIndex: [UInt8], receivedOn: CivilDate,
                audit: AuditEvent) async throws -> Tip
    func tip(clientID: ClientID, followUpIndex: [UInt8]) async throws -> Tip?
    func tip(_ id: String, scope: AccessScope) async throws -> Tip?
    func tips(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Tip>
    func reply(to id: String, scope: AccessScope, reply: String, by: UserID?, audit: AuditEvent) async throws -> Tip
}
