/// Where one delivery stands: sent and acknowledged, still being tried, or given up.
public enum WebhookDeliveryState: String, Sendable, CaseIterable {
    case pending = "PENDING"
    case delivered = "DELIVERED"
    case failed = "FAILED"
}

/// One event on its way to one webhook, as the deliveries list shows it.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: String
    public var webhookID: String
    public var eventID: String
    public var type: String
    public var state: WebhookDeliveryState
    public var attempts: Int
    public var lastStatusCode: Int?
    public var lastError: String?
    /// Unix milliseconds; nil once nothing more will be tried.
    public var nextAttemptAtMs: Int64?
    public var deliveredAt: String?

    public init(id: String, webhookID: String, eventID: String, type: String, state: WebhookDeliveryState, attempts: Int,
                lastStatusCode: Int?, lastError: String?, nextAttemptAtMs: Int64?, deliveredAt: String?) {
        self.id = id
        self.webhookID = webhookID
        self.eventID = eventID
        self.type = type
        self.state = state
        self.attempts = attempts
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.nextAttemptAtMs = nextAttemptAtMs
        self.deliveredAt = deliveredAt
    }
}

/// An outbox event made ready for fan-out: its body is rendered once, so every retry
/// sends the same bytes (the receiver may check the signature against them).
public struct PreparedWebhookEvent: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    /// Deliveries of one case go out in order; this is what groups them.
    public var caseNumber: String
    public var type: String
    public var body: String

    public init(id: String, clientID: ClientID, caseNumber: String, type: String, body: String) {
        self.id = id
        self.clientID = clientID
        self.caseNumber = caseNumber
        self.type = type
        self.body = body
    }
}

/// A delivery whose time has come, with what sending it needs.
public struct DueDelivery: Sendable, Equatable {
    public var id: String
    public var webhookID: String
    public var eventID: String
    public var url: String
    public var body: String
    public var attempts: Int
    /// The secrets that sign now (`whsec_…`): the current one, then the previous one
    /// while a rotation's overlap lasts.
    public var secrets: [String]

    public init(id: String, webhookID: String, eventID: String, url: String, body: String, attempts: Int, secrets: [String]) {
        self.id = id
        self.webhookID = webhookID
        self.eventID = eventID
        self.url = url
        self.body = body
        self.attempts = attempts
        self.secrets = secrets
    }
}

/// How one attempt ended, as recorded.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered(statusCode: Int)
    /// `statusCode` when the receiver answered (not 2xx); `nextAttemptAtMs` nil means
    /// the attempts are used up and the delivery is FAILED.
    case failed(statusCode: Int?, error: String, nextAttemptAtMs: Int64?)
}
