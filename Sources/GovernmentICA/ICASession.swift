import AgentCore
import Foundation
import HTTPCore

/// The one ICA token the whole service shares. A login revokes the token before it, so
/// logins are never run side by side: one is in flight at a time and every caller waits
/// for it. The token is refreshed before its 2-hour life ends; a 401 renews it once.
actor ICASession {
    private let transport: ICATransport
    private let username: String
    private let password: String
    private let board: ICAStatusBoard
    private var token: String?
    /// Monotonic seconds after which the token is refreshed (a margin before its expiry).
    private var refreshAfter: Double = 0
    private var inFlight: Task<String, any Error>?
    /// Renew this long before the token expires.
    static let refreshMarginSeconds = 600.0

    init(transport: ICATransport, username: String, password: String, board: ICAStatusBoard) {
        self.transport = transport
        self.username = username
        self.password = password
        self.board = board
    }

    /// The current token: logs in when there is none, refreshes one near its end.
    func current() async throws -> String {
        if let inFlight { return try await inFlight.value }
        if let token, Self.now() < refreshAfter { return token }
        return try await renew(refreshing: token)
    }

    /// After a 401 with `failed`: a new token, unless another caller already got one.
    func renewAfterRefusal(of failed: String) async throws -> String {
        if let inFlight { return try await inFlight.value }
        if let token, token != failed { return token }
        token = nil
        return try await renew(refreshing: nil)
    }

    private func renew(refreshing old: String?) async throws -> String {
        let task = Task { [transport, username, password, board] () async throws -> (String, Double) in
            if let old {
                // A refresh keeps the session; when refused, a fresh login follows.
                let reply = try await transport.send("POST", transport.url(ICAFieldMap.refreshPath),
                                                     headers: [("Authorization", "Bearer " + old), ("Content-Type", "application/json")],
                                                     body: Array("{}".utf8))
                if reply.status == 200, let fresh = Self.token(in: reply) { return fresh }
            }
            let body = try JSONSerialization.data(withJSONObject: [ICAFieldMap.username: username, ICAFieldMap.password: password])
            let reply = try await transport.send("POST", transport.url(ICAFieldMap.loginPath),
                                                 headers: [("Content-Type", "application/json")], body: Array(body))
            if (500...599).contains(reply.status) { throw GovernmentUnavailable("login: HTTP \(reply.status)") }
            guard reply.status == 200, let fresh = Self.token(in: reply) else {
                // Wrong credentials are an operator's matter: the work waits (queued), the error shows.
                throw GovernmentUnavailable("login refused (HTTP \(reply.status)): \(reply.governmentError.message)")
            }
            board.loggedIn()
            return fresh
        }
        let single = Task { try await task.value.0 }
        inFlight = single
        do {
            let (fresh, lifetime) = try await task.value
            token = fresh
            refreshAfter = Self.now() + lifetime - min(Self.refreshMarginSeconds, lifetime / 4)
            inFlight = nil
            return fresh
        } catch {
            inFlight = nil
            throw error
        }
    }

    private static func token(in reply: ICAReply) -> (String, Double)? {
        guard let object = reply.object, let token = object[ICAFieldMap.accessToken] as? String, !token.isEmpty else { return nil }
        let lifetime = (object[ICAFieldMap.expiresIn] as? NSNumber)?.doubleValue ?? Double(ICAFieldMap.tokenLifetimeSeconds)
        return (token, lifetime)
    }

    static func now() -> Double { ProcessInfo.processInfo.systemUptime }
}
