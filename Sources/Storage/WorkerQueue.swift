import CSQLite
import Dispatch
import Synchronization

/// The queue between async callers and the storage threads (the writer, the readers).
///
/// Callers enqueue without blocking; threads block on a semaphore while it is empty.
/// Closing lets the threads drain what is queued and then exit; `waitUntilFinished`
/// resumes once every thread has exited (and released its connection).
final class WorkerQueue<Item: Sendable>: Sendable {
    private struct State {
        var items: [Item] = []
        var closed = false
        var runningThreads: Int
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    enum Next {
        case items([Item])
        case exit
    }

    private let state: Mutex<State>
    /// One signal per enqueued item plus one per thread at close. A thread re-checks the
    /// queue after every wake-up, so a surplus signal costs one empty pass, never a lost item.
    private let wakeUp = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threads: Int) {
        threadCount = threads
        state = Mutex(State(runningThreads: threads))
    }

    /// Adds `item`; false when the queue is closed (the caller must answer its own job).
    func enqueue(_ item: Item) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.items.append(item)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Puts items that were taken but not started back at the head, in order.
    func requeueAtFront(_ items: [Item]) {
        guard !items.isEmpty else { return }
        state.withLock { $0.items.insert(contentsOf: items, at: 0) }
    }

    /// Blocks the calling (storage) thread until there is work; `take` removes what the
    /// thread will handle now from the non-empty pending list. Returns `.exit` once the
    /// queue is closed and drained.
    func next(take: (inout [Item]) -> [Item]) -> Next {
        while true {
            let taken = state.withLock { state -> [Item]? in
                if state.items.isEmpty { return state.closed ? nil : [] }
                return take(&state.items)
            }
            guard let taken else { return .exit }
            if !taken.isEmpty { return .items(taken) }
            wakeUp.wait()
        }
    }

    /// What `take` removes from the pending list now, without blocking (nothing when it is
    /// empty). The items' wake-up signals stay counted: each costs one empty pass later.
    func takeNow<Taken>(_ take: (inout [Item]) -> [Taken]) -> [Taken] {
        state.withLock { state in state.items.isEmpty ? [] : take(&state.items) }
    }

    var pendingCount: Int { state.withLock { $0.items.count } }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Refuses new items; queued ones still run.
    func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        if first { for _ in 0..<threadCount { wakeUp.signal() } }
    }

    /// Called by each thread as its last act, after its connection is gone.
    func threadExited() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.runningThreads -= 1
            guard state.runningThreads == 0 else { return [] }
            defer { state.exitWaiters = [] }
            return state.exitWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once every thread has exited. Does not close the queue by itself.
    func waitUntilFinished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.runningThreads == 0 { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// Names the calling thread as the OS sees it (15 bytes at most), so storage threads are
/// recognizable in `top -H`, debuggers and `Thread.current.name`.
func nameCurrentThread(_ name: String) {
    _ = csqlite_name_current_thread(name)
}
