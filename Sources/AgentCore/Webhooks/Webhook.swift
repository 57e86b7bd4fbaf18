/// A client's registered receiver of pushed events (API.md "Webhooks"). The signing
/// secret is never part of this value: it is shown once, when made, and kept encrypted.
public struct Webhook: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var url: String
    /// Event types delivered: names from `WebhookEvents.types`, or `*` for all of them.
    public var events: [String]
    public var description: String?
    public var enabled: Bool
    public var createdAt: String
    public var updatedAt: String
    /// While a rotation's overlap lasts, the previous secret signs too; this is when it stops.
    public var previousSecretExpiresAt: String?

    public init(id: String, clientID: ClientID, url: String, events: [String], description: String?, enabled: Bool,
                createdAt: String, updatedAt: String, previousSecretExpiresAt: String? = nil) {
        self.id = id
        self.clientID = clientID
        self.url = url
        self.events = events
        self.description = description
        self.enabled = enabled
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.previousSecretExpiresAt = previousSecretExpiresAt
    }

    /// Whether an event of `type` goes to this webhook: `*`, or the exact type.
    public func wants(_ type: String) -> Bool { WebhookEvents.matches(events, type: type) }
}

/// The event types a webhook may subscribe to, and how a subscription matches.
public enum WebhookEvents {
    public static let wildcard = "*"
    public static let types = CaseEventKind.allCases.map(\.rawValue)

    public static func matches(_ subscribed: [String], type: String) -> Bool {
        subscribed.contains(wildcard) || subscribed.contains(type)
    }
}

/// What a registration or a change asks for; nil members are left as they are (PATCH).
public struct WebhookInput: Sendable, Equatable {
    public var url: String?
    public var events: [String]?
    /// `.some(nil)` clears the description.
    public var description: String??
    public var enabled: Bool?
    public init(url: String? = nil, events: [String]? = nil, description: String?? = nil, enabled: Bool? = nil) {
        self.url = url
        self.events = events
        self.description = description
        self.enabled = enabled
    }
}

/// The rules on a webhook's fields that need no network: the URL's own checks (scheme,
/// host, the addresses it resolves to) are the API's, which can resolve names.
public enum WebhookRules {
    public static let maxDescriptionLength = 500

    public static func check(_ input: WebhookInput, creating: Bool, into issues: inout IssueCollector) {
        if creating && input.url == nil { issues.add("url", FieldIssue.required, "url is required.") }
        if creating && input.events == nil { issues.add("events", FieldIssue.required, "events is required.") }
        if let events = input.events {
            if events.isEmpty { issues.add("events", FieldIssue.required, "events must name at least one event type, or \"*\".") }
            for (i, event) in events.enumerated() where event != WebhookEvents.wildcard && !WebhookEvents.types.contains(event) {
                issues.add("events[\(i)]", FieldIssue.invalidValue,
                           "Unknown event type; use one of \(WebhookEvents.types.joined(separator: ", ")) or \"*\".")
            }
        }
        if case .some(.some(let text)) = input.description, text.count > maxDescriptionLength {
            issues.add("description", FieldIssue.outOfRange, "description is longer than \(maxDescriptionLength) characters.")
        }
    }
}

extension AccessPolicy {
    /// Webhooks push a client's case results to its systems: agent admins manage them for
    /// any client, client admins for their own (API.md "Who may do what").
    public static func mayManageWebhooks(_ p: Principal, client: ClientID) -> Bool {
        p.role == .agentAdmin || (p.role == .clientAdmin && p.clientID == client)
    }
}
