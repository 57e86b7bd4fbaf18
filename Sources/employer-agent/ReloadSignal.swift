import Dispatch
import Glibc

/// SIGHUP through a Dispatch signal source: each one runs `action` on a queue of its own
/// (no C handler touches Swift state). Keep the value alive as long as reloads should work.
final class ReloadSignal {
    private let source: any DispatchSourceSignal

    init(action: @escaping @Sendable () -> Void) {
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "employer-agent.reload"))
        source.setEventHandler(handler: action)
        source.resume()
    }

    deinit { source.cancel() }
}
