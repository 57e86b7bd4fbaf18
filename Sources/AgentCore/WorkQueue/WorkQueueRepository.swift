/// A read of the work queue: the caller's scope and the API's filters.
public struct WorkQueueQuery: Sendable, Equatable {
    public var scope: AccessScope
    public var clientID: ClientID?
    public var kinds: [WorkItemKind]
    /// Only items due strictly before this date (`due_before`).
    public var dueBefore: CivilDate?
    /// Items whose `visibleFrom` is after their clock's today are not shown yet.
    public var serviceToday: CivilDate
    public var realToday: CivilDate
    public var limit: Int
    public var cursor: String?

    public init(scope: AccessScope, clientID: ClientID?, kinds: [WorkItemKind], dueBefore: CivilDate?, serviceToday: CivilDate,
                realToday: CivilDate, limit: Int, cursor: String?) {
        self.scope = scope
        self.clientID = clientID
        self.kinds = kinds
        self.dueBefore = dueBefore
        self.serviceToday = serviceToday
        self.realToday = realToday
        self.limit = limit
        self.cursor = cursor
    }
}

/// The materialized work queue: items are written with the change that causes them (see
/// `CaseWorkItems`, `HireWorkItems`, `UserWorkItems`), and read soonest due first (ties:
/// kind, then subject id).
///
/// A store may hold a new draft's items apart for a few seconds (most drafts are submitted
/// at once, and their items would be written only to be deleted): `items` shows them all
/// the same, and `announceShown` announces them once they have waited.
public protocol WorkQueueRepository: Sendable {
    func items(_ query: WorkQueueQuery) async throws -> Page<WorkItem>
    /// Announces, at most `limit` at a time, the items that show in the queue today and were
    /// not announced yet: an outbox event (`work_queue.item_added`) for each item of a client
    /// in `notifying`, written in one transaction with the marks; other items are only
    /// marked (nobody listens). `notifying` is asked only when some item waits. Returns how
    /// many items it looked at, so a caller knows whether to call again.
    func announceShown(serviceToday: CivilDate, realToday: CivilDate, notifying: @Sendable () async throws -> Set<ClientID>,
                       limit: Int) async throws -> Int
}
