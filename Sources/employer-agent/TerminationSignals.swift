import Dispatch
import Glibc
import Synchronization

/// SIGTERM and SIGINT through Dispatch signal sources: the default handlers are turned
/// off and no C handler touches Swift state.
final class TerminationSignals: Sendable {
    private let queue = DispatchQueue(label: "employer-agent.signals")
    private let state = Mutex<(sources: [any DispatchSourceSignal], received: String?, waiter: CheckedContinuation<String, Never>?)>(([], nil, nil))

    init() {
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.fire(name) }
            source.resume()
            sources.append(source)
        }
        state.withLock { $0.sources = sources }
    }

    private func fire(_ name: String) {
        let waiter = state.withLock { state -> CheckedContinuation<String, Never>? in
            if state.received == nil { state.received = name }
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: name)
    }

    /// Waits for the first termination signal and names it.
    func next() async -> String {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> String? in
                if let received = state.received { return received }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
