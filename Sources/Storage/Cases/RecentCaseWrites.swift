import AgentCore
import Synchronization

/// The cases this process wrote in the last few seconds, as written (version included),
/// so that the next action on a case need not read back what was just committed: a
/// client submits a case moments after creating it, and the read on a reader thread was
/// a sixth of the server's work per create + submit.
///
/// Only a change starts from these copies, and its write checks the version (the sealed
/// data), so a copy that another writer made obsolete costs a retry, never a lost update.
/// Every writer of case rows in this process keeps it in step (`remember` after a commit,
/// `forget` after a purge); like the other in-memory caches of Storage, it assumes the
/// service is the database's only writer while it runs.
///
/// Bounded twice: at most `capacity` cases (the oldest go first) and `lifetime` each, so
/// decrypted employee data is held no longer than a client's create-then-submit needs. A
/// copy past its lifetime is never answered, and a sweep that runs while any copy is held
/// drops it within half a lifetime more, idle or not.
final class RecentCaseWrites: Sendable {
    /// The copy, boxed: a case is a large value, and the table would otherwise copy it
    /// whole under the lock (and again when it grows).
    private final class Copy: Sendable {
        let stored: StoredCase
        init(_ stored: StoredCase) { self.stored = stored }
    }
    private struct Entry {
        var copy: Copy
        var rememberedAt: ContinuousClock.Instant
        /// The slot of `order` that holds this entry's case number.
        var slot: Int
    }
    private struct State {
        var entries: [String: Entry] = [:]
        /// Case numbers in the order remembered, as a ring: the slot `next` is the oldest.
        var order: [String?]
        var next = 0
        /// A sweep is scheduled: from the first copy remembered until none is left.
        var sweeping = false
    }
    private let state: Mutex<State>
    let capacity: Int
    let lifetime: Duration

    init(capacity: Int = 2_048, lifetime: Duration = .seconds(15)) {
        precondition(capacity > 0, "a memo of no cases")
        self.capacity = capacity
        self.lifetime = lifetime
        state = Mutex(State(order: Array(repeating: nil, count: capacity)))
    }

    /// Keeps `stored` as the case now stands; called once its write has committed.
    func remember(_ stored: StoredCase) {
        let copy = Copy(stored)
        let now = ContinuousClock.now
        let startSweeping = state.withLock { state -> Bool in
            let slot = state.next
            // The oldest case makes room, unless it was remembered again since (then its
            // entry points at a newer slot and stays).
            if let oldest = state.order[slot], state.entries[oldest]?.slot == slot { state.entries[oldest] = nil }
            state.order[slot] = stored.caseNumber
            state.next = (slot + 1) % capacity
            state.entries[stored.caseNumber] = Entry(copy: copy, rememberedAt: now, slot: slot)
            guard !state.sweeping else { return false }
            state.sweeping = true
            return true
        }
        if startSweeping { scheduleSweeps() }
    }

    /// Sweeps every half lifetime until the memo is empty; the next `remember` starts again.
    private func scheduleSweeps() {
        Task.detached(priority: .background) { [self] in
            repeat {
                try? await Task.sleep(for: lifetime / 2)
            } while !sweep()
        }
    }

    /// Drops the copies past their lifetime; true, ending the sweeps, once none is left.
    func sweep() -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state in
            state.entries = state.entries.filter { now - $0.value.rememberedAt < lifetime }
            if state.entries.isEmpty { state.sweeping = false }
            return !state.sweeping
        }
    }

    /// The case as this process last wrote it, if that was less than `lifetime` ago and
    /// `scope` may see it.
    func recall(_ caseNumber: String, scope: AccessScope) -> StoredCase? {
        let now = ContinuousClock.now
        let copy = state.withLock { state -> Copy? in
            guard let entry = state.entries[caseNumber] else { return nil }
            guard now - entry.rememberedAt < lifetime else {
                state.entries[caseNumber] = nil
                return nil
            }
            return entry.copy
        }
        guard let copy, scope.includes(copy.stored.clientID) else { return nil }
        return copy.stored
    }

    /// Drops the case (a purge rewrote it outside the repository).
    func forget(_ caseNumber: String) {
        _ = state.withLock { $0.entries.removeValue(forKey: caseNumber) }
    }

    /// How many cases are held now (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
