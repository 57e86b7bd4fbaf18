import Synchronization

/// Rows that change rarely and are read on every request (a client's profile), kept in
/// memory by the repository that alone writes them. A reader takes a ticket before its
/// read and may store what it read only if no write ended since: otherwise a read from
/// before a commit could outlive the commit in the cache.
final class ReadThroughCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        var generation: UInt64 = 0
    }
    private let state = Mutex(State())
    /// Past this many entries the cache starts over rather than grow without bound.
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    struct Ticket { fileprivate let generation: UInt64 }

    /// The cached value, or a ticket to store the value about to be read.
    func lookup(_ key: Key) -> (value: Value?, ticket: Ticket) {
        state.withLock { ($0.values[key], Ticket(generation: $0.generation)) }
    }

    /// Keeps `value` unless a write ended after `ticket` was taken.
    func store(_ value: Value, for key: Key, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            if state.values.count >= capacity { state.values.removeAll(keepingCapacity: true) }
            state.values[key] = value
        }
    }

    /// Called once a write that may change any of the values has ended, committed or not.
    func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.values.removeAll(keepingCapacity: true)
        }
    }

    /// Called once a write of `key` has ended, committed or not.
    func invalidate(_ key: Key) {
        state.withLock { state in
            state.generation &+= 1
            state.values[key] = nil
        }
    }
}
