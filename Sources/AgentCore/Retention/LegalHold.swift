/// RET-3: a legal hold keeps a case from the purge until it is released. Who set it and
/// why are kept with it (the reason is the admin's words about the matter, not the
/// employee's data).
public struct LegalHold: Sendable, Equatable, Codable {
    public var reason: String
    /// The service-clock day the hold was set (the work queue asks about it a year on).
    public var since: CivilDate
    public var setBy: String

    public init(reason: String, since: CivilDate, setBy: String) {
        self.reason = reason
        self.since = since
        self.setBy = setBy
    }

    /// A hold older than this many days is shown in the work queue for review.
    public static let reviewAfterDays = 365
}

/// RET-2: the case's personal data was deleted. Nothing undoes it.
public struct CasePurge: Sendable, Equatable, Codable {
    /// The instant of the purge (UTC, ISO 8601).
    public var at: String
    /// The service-clock day of the purge.
    public var on: CivilDate

    public init(at: String, on: CivilDate) {
        self.at = at
        self.on = on
    }
}

/// One line of the purge report (API.md "Retention, purge and legal hold").
public struct PurgeRecord: Sendable, Equatable {
    public var caseNumber: String
    public var clientID: ClientID
    public var purgedAt: String
    public var purgedOn: CivilDate
    public var retentionUntil: CivilDate
    /// The API names of the fields whose values were deleted.
    public var fields: [String]

    public init(caseNumber: String, clientID: ClientID, purgedAt: String, purgedOn: CivilDate, retentionUntil: CivilDate,
                fields: [String]) {
        self.caseNumber = caseNumber
        self.clientID = clientID
        self.purgedAt = purgedAt
        self.purgedOn = purgedOn
        self.retentionUntil = retentionUntil
        self.fields = fields
    }
}
