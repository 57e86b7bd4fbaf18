import AgentCore
import Foundation
import Synchronization

/// What the operator sees of the ICA connection: the last login, the last poll and the
/// last error (texts without request content or credentials).
final class ICAStatusBoard: Sendable {
    private struct State {
        var lastLoginAt: String?
        var lastPollAt: String?
        var lastError: String?
        var lastErrorAt: String?
        var logins = 0
    }
    private let state = Mutex(State())

    func loggedIn() { state.withLock { $0.lastLoginAt = Self.stamp(); $0.logins += 1 } }
    func polled() { state.withLock { $0.lastPollAt = Self.stamp() } }
    func failed(_ error: String) { state.withLock { $0.lastError = error; $0.lastErrorAt = Self.stamp() } }
    var logins: Int { state.withLock { $0.logins } }

    var status: GovernmentConnectionStatus {
        state.withLock { s in
            GovernmentConnectionStatus(mode: "ica", lastLoginAt: s.lastLoginAt, lastPollAt: s.lastPollAt, lastError: s.lastError,
                                       lastErrorAt: s.lastErrorAt)
        }
    }

    static func stamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
