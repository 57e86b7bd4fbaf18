/// Persistence of webhooks and their deliveries. Every change carries its audit event
/// and commits with it; secrets cross this boundary only as `whsec_…` text, and are
/// stored encrypted.
public protocol WebhookRepository: Sendable {
    func create(clientID: ClientID, url: String, events: [String], description: String?, secret: String,
                audit: AuditEvent) async throws -> Webhook
    func list(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Webhook>
    /// The clients with at least one enabled webhook: events of the others need no body.
    func clientsWithEnabledWebhooks() async throws -> Set<ClientID>
    func find(_ id: String, scope: AccessScope) async throws -> Webhook?
    /// Applies the members `input` carries (the caller has checked a new URL already).
    func update(_ id: String, scope: AccessScope, input: WebhookInput, audit: AuditEvent) async throws -> Webhook
    /// Deletes the webhook and its deliveries.
    func delete(_ id: String, scope: AccessScope, audit: AuditEvent) async throws
    /// Makes `secret` the signing secret; the old one keeps signing until `previousExpiresAtMs`
    /// (nil: it stops at once).
    func rotateSecret(_ id: String, scope: AccessScope, secret: String, previousExpiresAtMs: Int64?,
                      audit: AuditEvent) async throws -> Webhook

    /// Creates a delivery for each enabled webhook of the event's client that wants its
    /// type, and marks the events dispatched in the outbox, in one transaction: a crash
    /// either leaves an event pending in the outbox or has its deliveries stored.
    /// Returns the number of deliveries created.
    func fanOut(_ events: [PreparedWebhookEvent]) async throws -> Int
    /// Pending deliveries due at `nowMs` whose case has no earlier pending delivery to the
    /// same webhook (in order per case), leaving out `excluding` (already being sent).
    func due(nowMs: Int64, limit: Int, excluding: Set<String>) async throws -> [DueDelivery]
    func record(_ deliveryID: String, outcome: DeliveryOutcome, atMs: Int64) async throws
    func deliveries(webhookID: String, state: WebhookDeliveryState?, limit: Int, after cursor: String?) async throws -> Page<WebhookDelivery>
    /// Puts a FAILED delivery back in the queue with its attempts reset; nil when there is
    /// no such delivery of this webhook; throws `RepositoryError.conflict` when it is not FAILED.
    func retry(_ deliveryID: String, webhookID: String, nowMs: Int64, audit: AuditEvent) async throws -> WebhookDelivery?
}
