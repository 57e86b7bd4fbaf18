/// An API key of one client: a long random secret that acts as one named user of that
/// client (API.md "Authentication and people"; ACC-1: it is that user's, never shared
/// between people). Only its SHA-256 is stored; the key itself is shown once.
public struct APIKey: Sendable, Equatable {
    public var id: String
    public var name: String
    public var userID: UserID
    public var clientID: ClientID
    public var createdBy: UserID?
    public var createdAt: String
    /// Set once revoked (or when its user was deactivated); a revoked key never works again.
    public var revokedAt: String?

    public init(id: String, name: String, userID: UserID, clientID: ClientID, createdBy: UserID?, createdAt: String,
                revokedAt: String?) {
        self.id = id
        self.name = name
        self.userID = userID
        self.clientID = clientID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A key to store: its hash, never the key.
public struct NewAPIKey: Sendable {
    public var keyHash: [UInt8]
    public var name: String
    public var userID: UserID
    public var clientID: ClientID
    public var createdBy: UserID?

    public init(keyHash: [UInt8], name: String, userID: UserID, clientID: ClientID, createdBy: UserID?) {
        self.keyHash = keyHash
        self.name = name
        self.userID = userID
        self.clientID = clientID
        self.createdBy = createdBy
    }
}

/// Checks of a new API key (ACC-1: the key acts as one active user of its own client).
public enum APIKeyRules {
    /// A name tells the keys of one client apart: 1–100 characters.
    public static func checkName(_ name: String, into issues: inout IssueCollector) {
        if name.isEmpty || name.count > 100 { issues.add("name", FieldIssue.outOfRange, "name must be 1 to 100 characters.") }
    }

    /// The key's user must be an active user of the key's client.
    public static func checkHolder(_ user: User?, client: ClientID, into issues: inout IssueCollector) {
        guard let user, user.clientID == client else {
            issues.add("user_id", FieldIssue.invalidValue, "user_id must name a user of this client.")
            return
        }
        if !user.active { issues.add("user_id", FieldIssue.invalidValue, "A deactivated user cannot hold an API key.") }
    }
}
