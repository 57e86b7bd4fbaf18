/// What a client's systems may be told about a case (API.md "Webhooks"): each change
/// of a case raises zero or more of these, recorded with the change itself.
public enum CaseEventKind: String, Sendable, CaseIterable {
    case created = "case.created"
    case statusChanged = "case.status_changed"
    case closed = "case.closed"
    /// A work-queue item of the client showed in the queue (its subject may be a case, a
    /// hire, a user…). Raised by the work queue, never by a case change.
    case workItemAdded = "work_queue.item_added"

    /// AGT-6: every result is passed on at once, so every status change is an event; a
    /// creation is one; reaching CLOSED is also `case.closed`, for receivers that only
    /// care about final results.
    public static func raised(from before: CaseStatus?, to after: CaseStatus) -> [CaseEventKind] {
        guard let before else { return [.created] }
        guard before != after else { return [] }
        return after == .closed ? [.statusChanged, .closed] : [.statusChanged]
    }
}

/// What an event carries: the case's lifecycle at the time, or the work-queue item as it
/// was announced (with whether it was overdue then). Neither holds personal data.
public enum CaseEventPayload: Sendable, Equatable {
    case progress(CaseProgress)
    case workItem(WorkItem, overdue: Bool)
    /// Not decoded: the event's client receives no webhooks, so nothing will show it.
    case unread
}

/// A recorded event, as the outbox holds it: no personal data. `caseNumber` is the key
/// events are kept in order by: the case number, or for a work item whose subject is not
/// a case, `type:id` of its subject.
public struct RecordedCaseEvent: Sendable, Equatable {
    public var id: String
    public var clientID: ClientID
    public var caseNumber: String
    public var kind: CaseEventKind
    /// Grows by one per client with every event, so a receiver can see a gap.
    public var sequence: Int64
    public var occurredAt: String
    public var payload: CaseEventPayload

    public init(id: String, clientID: ClientID, caseNumber: String, kind: CaseEventKind, sequence: Int64, occurredAt: String,
                payload: CaseEventPayload) {
        self.id = id
        self.clientID = clientID
        self.caseNumber = caseNumber
        self.kind = kind
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.payload = payload
    }
}

/// The outbox of case events: written by `CaseRepository` inside each change; read and
/// marked by whatever passes them on (webhook delivery).
public protocol CaseEventOutbox: Sendable {
    /// Events not yet handed on, oldest first (so in order per case and per client). Only
    /// the events of `payloadsFor` clients carry their payload (all when nil); the others
    /// come as `.unread`, as decoding what nobody receives cost a read per change.
    func pending(limit: Int, payloadsFor clients: Set<ClientID>?) async throws -> [RecordedCaseEvent]
    /// Marks events as handed on, with every event before them (the outbox is read in
    /// order): none of them is returned by `pending` again.
    func markDispatched(_ ids: [String]) async throws
}

extension CaseEventOutbox {
    /// Events not yet handed on, every payload decoded.
    public func pending(limit: Int) async throws -> [RecordedCaseEvent] { try await pending(limit: limit, payloadsFor: nil) }
}
