import Crypto
import Foundation
import Synchronization

/// The sandbox's logins as the real interface has them: one token per user, a 2-hour
/// life, and a new login (or refresh) revokes the user's previous token.
final class ICASandboxAuth: Sendable {
    private struct Token {
        var username: String
        var expiresAt: Double
    }
    private struct State {
        var tokens: [String: Token] = [:]
        var current: [String: String] = [:]
        var logins = 0
        var loginAttempts = 0
    }
    private let credentials: [String: String]
    private let lifetimeSeconds: Int
    private let state = Mutex(State())

    init(credentials: [String: String], lifetimeSeconds: Int) {
        self.credentials = credentials
        self.lifetimeSeconds = lifetimeSeconds
    }

    /// `username:password` lines; blank lines and `#` comments skipped.
    static func credentials(file: String?) throws -> [String: String] {
        guard let file else { return ["sandbox01": "sandbox-pass"] }
        guard let data = FileManager.default.contents(atPath: file) else { throw ICASandboxError("cannot read \(file)") }
        var users: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { throw ICASandboxError("\(file): a line is not username:password") }
            users[String(text[..<colon])] = String(text[text.index(after: colon)...])
        }
        guard !users.isEmpty else { throw ICASandboxError("\(file) names no user") }
        return users
    }

    /// A new token for the user, revoking the one before; nil for wrong credentials.
    func login(username: String, password: String) -> (token: String, expiresIn: Int)? {
        state.withLock { $0.loginAttempts += 1 }
        guard let expected = credentials[username], ConstantTime.equals(expected, password) else { return nil }
        return issue(to: username)
    }

    /// A refresh hands out a new token (the old one is revoked), for a token still valid.
    func refresh(_ token: String) -> (token: String, expiresIn: Int)? {
        guard let username = user(of: token) else { return nil }
        return issue(to: username)
    }

    /// The user of a live, unrevoked token.
    func user(of token: String) -> String? {
        state.withLock { s in
            guard let entry = s.tokens[token], entry.expiresAt > Self.now(), s.current[entry.username] == token else { return nil }
            return entry.username
        }
    }

    /// Tokens issued (logins and refreshes), and login calls, refused ones included.
    var logins: Int { state.withLock { $0.logins } }
    var loginAttempts: Int { state.withLock { $0.loginAttempts } }

    private func issue(to username: String) -> (token: String, expiresIn: Int) {
        let token = SecureRandom.token()
        let lifetime = lifetimeSeconds
        state.withLock { s in
            if let previous = s.current[username] { s.tokens[previous] = nil }
            s.tokens[token] = Token(username: username, expiresAt: Self.now() + Double(lifetime))
            s.current[username] = token
            s.logins += 1
        }
        return (token, lifetime)
    }

    static func now() -> Double { ProcessInfo.processInfo.systemUptime }
}

/// The sandbox cannot start (bad credentials file, data directory).
public struct ICASandboxError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
