/// Who caused a recorded change.
public enum AuditActor: Sendable, Equatable {
    case user(UserID)
    case apiKey(String)
    case system
    case anonymous

    public var kind: String {
        switch self {
        case .user: return "user"
        case .apiKey: return "api_key"
        case .system: return "system"
        case .anonymous: return "anonymous"
        }
    }

    public var id: String? {
        switch self {
        case .user(let id): return id.rawValue
        case .apiKey(let id): return id
        case .system, .anonymous: return nil
        }
    }
}

/// One field's value before and after a change. Personal data is masked before it gets here.
public struct FieldChange: Sendable, Equatable, Codable {
    public var field: String
    public var before: String?
    public var after: String?
    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// A state change to record in the audit trail (the storage layer stamps time and chain).
public struct AuditEvent: Sendable, Equatable {
    public var actor: AuditActor
    public var clientID: ClientID?
    /// Dotted verb, e.g. `client.create`, `user.deactivate`, `session.login_failed`.
    public var action: String
    public var objectType: String
    public var objectID: String?
    public var changes: [FieldChange]
    public var sourceIP: String?
    public var requestID: String?

    public init(actor: AuditActor, clientID: ClientID?, action: String, objectType: String, objectID: String?,
                changes: [FieldChange] = [], sourceIP: String?, requestID: String?) {
        self.actor = actor
        self.clientID = clientID
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.changes = changes
        self.sourceIP = sourceIP
        self.requestID = requestID
    }

    /// The same event with `changes` replaced (filled in once the before/after are known).
    public func with(changes: [FieldChange], objectID: String? = nil, clientID: ClientID? = nil) -> AuditEvent {
        var copy = self
        copy.changes = changes
        if let objectID { copy.objectID = objectID }
        if let clientID { copy.clientID = clientID }
        return copy
    }
}
