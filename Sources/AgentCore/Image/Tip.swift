/// IMG-7: a tip left on a client's tip line, with the compliance officer's reply. The
/// message and contact are personal data: sealed at rest, never logged.
public struct Tip: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var message: String
    public var contact: String?
    public var receivedAt: String
    /// The service date it came in on: TIP_UNANSWERED counts from it.
    public var receivedOn: CivilDate
    public var reply: String?
    public var repliedAt: String?
    public var repliedBy: UserID?

    public init(id: String, clientID: ClientID, message: String, contact: String?, receivedAt: String, receivedOn: CivilDate,
                reply: String? = nil, repliedAt: String? = nil, repliedBy: UserID? = nil) {
        self.id = id
        self.clientID = clientID
        self.message = message
        self.contact = contact
        self.receivedAt = receivedAt
        self.receivedOn = receivedOn
        self.reply = reply
        self.repliedAt = repliedAt
        self.repliedBy = repliedBy
    }
}

/// The limits of a tip (API.md: a message of 1 to 4,000 characters).
public enum TipRules {
    public static let maxMessageCharacters = 4000
    public static let maxContactCharacters = 500
    public static let maxReplyCharacters = 4000
}
