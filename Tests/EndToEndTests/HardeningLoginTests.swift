import Dispatch
import Foundation
import Storage
import Testing
import TestSupport

/// Issue 12 over real sockets, the sign-in half: an atomic lockout, the per-address
/// limit, the password change under the same throttle, refresh bounded by the maximum
/// session lifetime, and re-hashing with newer scrypt parameters.
@Suite struct HardeningLoginTests {
    typealias Identity = IdentityEndToEndTests

    /// Logs in as `username` from `count` connections at once; the statuses, unordered.
    static func parallelLogins(port: Int, count: Int, username: @escaping @Sendable (Int) -> String, password: String) -> [Int] {
        let statuses = LockedList()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let status = (try? APIClient(port: port).login(username(i), password).status) ?? -1
            statuses.append(status)
        }
        return statuses.items
    }

    /// The audit entries of `actions`, read from the stopped agent's database.
    static func auditRows(_ dataDir: URL, actions: [String]) async throws -> [(action: String, changes: String, sourceIP: String?)] {
        let database = try await Database.open(path: try DataDirectory(path: dataDir.path).databasePath)
        let marks = actions.map { _ in "?" }.joined(separator: ",")
        let rows = try await database.read { db in
            try db.query("SELECT action, changes, source_ip FROM audit_log WHERE action IN (\(marks)) ORDER BY id",
                         actions.map { SQLValue.text($0) }) { ($0.string(at: 0) ?? "", $0.string(at: 1) ?? "", $0.string(at: 2)) }
        }
        await database.close()
        return rows
    }

    @Test("Issue 12: 30 parallel wrong passwords get at most 5 answers of 401; the right one while locked is 429")
    func test_lockoutIsAtomicUnderConcurrentGuesses() throws {
        // A costlier hash widens the window between a check and its record, as in production.
        let world = try Identity.startWorld(environment: ["AGENT_PASSWORD_HASH_LOG_N": "12",
                                                          "AGENT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE": "1000"])
        defer { world.agent.stop() }
        let statuses = Self.parallelLogins(port: world.port, count: 30, username: { _ in "root" }, password: "wrong password guess")
        #expect(statuses.count == 30)
        #expect(statuses.filter { $0 == 401 }.count <= 5, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
        let locked = try APIClient(port: world.port).login("root", Identity.adminPassword)
        #expect(locked.status == 429)
        #expect(locked.response.header("Retry-After") == "900")
    }

    @Test("Issue 12: one address may fail 20 logins a minute (here 3); the flood is audited as one counted entry")
    func test_perAddressLimitAndAggregatedAudit() async throws {
        let world = try Identity.startWorld(environment: ["AGENT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE": "3"])
        let port = world.port
        var statuses: [Int] = []
        var retryAfter: [String?] = []
        for i in 0..<6 {
            let reply = try APIClient(port: port).login("random.name.\(i)", "some password")
            statuses.append(reply.status)
            retryAfter.append(reply.response.header("Retry-After"))
            if reply.status == 429 { #expect(reply["type"] as? String == "/problems/rate-limited") }
        }
        // The admin signed in once (a success takes its attempt back), so three failures pass.
        #expect(statuses == [401, 401, 401, 429, 429, 429])
        #expect(retryAfter.suffix(3).allSatisfy { Int($0 ?? "") ?? 0 >= 1 && Int($0 ?? "") ?? 99 <= 60 })
        world.agent.stop()
        var rows = try await Self.auditRows(world.agent.dataDir, actions: ["session.login_failed", "session.login_throttled"])
        #expect(rows.filter { $0.action == "session.login_failed" }.count == 3)
        #expect(rows.filter { $0.action == "session.login_throttled" }.isEmpty)

        // Once its minute is over, the next attempt (from any address) writes the tally.
        try await CredentialEndToEndTests.edit(world.agent.dataDir, "UPDATE login_address_minutes SET minute = minute - 5", [])
        let agent = try AgentProcess(environment: Identity.environment, dataDir: world.agent.dataDir)
        #expect(try APIClient(port: agent.httpPort ?? 0).login("someone.else", "wrong").status == 401)
        agent.stop()
        rows = try await Self.auditRows(world.agent.dataDir, actions: ["session.login_throttled"])
        #expect(rows.count == 1)
        #expect(rows.first?.changes.contains(#""field":"refused_attempts","before":null,"after":"3""#) == true)
        #expect(rows.first?.sourceIP == "127.0.0.1")
    }

    @Test("Issue 12: a wrong current_password is a failed login; the fifth locks the username")
    func test_wrongCurrentPasswordCountsTowardLockout() throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        try Identity.inline {
            let acme = try Identity.client(world.admin, name: "Acme", ein: "12-3456789")
            _ = try Identity.user(world.admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            let clerk = try Identity.activate(world.port, "acme.clerk", new: "clerk-password-one")
            var statuses: [Int] = []
            for i in 0..<5 {
                statuses.append(try clerk.call("POST", "/api/v1/users/me/password",
                                               ["current_password": "guess-\(i)", "new_password": "clerk-password-two"]).status)
            }
            #expect(statuses == [422, 422, 422, 422, 429])
            #expect(try APIClient(port: world.port).login("acme.clerk", "clerk-password-one").status == 429)
            #expect(try clerk.call("POST", "/api/v1/users/me/password",
                                   ["current_password": "clerk-password-one", "new_password": "clerk-password-two"]).status == 429)
        }
    }

    @Test("Issue 12: failed-login entries name the username only when it exists")
    func test_failedLoginAuditKeepsOnlyKnownUsernames() async throws {
        let world = try Identity.startWorld()
        #expect(try APIClient(port: world.port).login("my-secret-passphrase-typed-here", "x").status == 401)
        #expect(try APIClient(port: world.port).login("root", "not the password").status == 401)
        world.agent.stop()
        let rows = try await Self.auditRows(world.agent.dataDir, actions: ["session.login_failed"])
        #expect(rows.count == 2)
        #expect(!rows.contains { $0.changes.contains("my-secret-passphrase-typed-here") })
        #expect(rows.contains { $0.changes.contains(#""field":"username","before":null,"after":"root""#) })
    }

    @Test("Issue 12: refresh never extends a session past session_max_lifetime_seconds")
    func test_refreshStopsAtTheMaximumSessionLifetime() throws {
        let world = try Identity.startWorld(environment: ["AGENT_SESSION_MAX_LIFETIME_SECONDS": "3"])
        defer { world.agent.stop() }
        try Identity.inline {
            let api = try APIClient(port: world.port)
            let login = try api.login("root", Identity.adminPassword)
            #expect((login["expires_in"] as? Int ?? 0) <= 3)
            let refreshed = try api.call("POST", "/api/v1/authentication/refresh")
            #expect(refreshed.status == 200)
            #expect((refreshed["expires_in"] as? Int ?? 99) <= 3)
            api.token = refreshed["access_token"] as? String
            Thread.sleep(forTimeInterval: 3.2)
            #expect(try api.call("POST", "/api/v1/authentication/refresh").status == 401)
        }
    }

    @Test("Issue 12: a hash with older scrypt parameters is replaced at the next successful login")
    func test_outdatedPasswordHashIsRehashedAtLogin() async throws {
        let world = try Identity.startWorld()  // root's hash: ln=10
        world.agent.stop()
        let agent = try AgentProcess(environment: ["AGENT_PASSWORD_HASH_LOG_N": "11"], dataDir: world.agent.dataDir)
        #expect(try APIClient(port: agent.httpPort ?? 0).login("root", Identity.adminPassword).status == 200)
        agent.stop()
        let database = try await Database.open(path: try DataDirectory(path: world.agent.dataDir.path).databasePath)
        let hash = try await database.read { try $0.scalar("SELECT password_hash FROM users WHERE username = 'root'")?.stringValue }
        await database.close()
        #expect(hash?.hasPrefix("$scrypt$ln=11,r=8,p=1$") == true)
        let rows = try await Self.auditRows(world.agent.dataDir, actions: ["user.password_rehash"])
        #expect(rows.count == 1)
        #expect(rows.first?.changes.contains("ln=10,r=8,p=1") == true)
    }
}

/// Results gathered from concurrent threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func append(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
    var items: [Int] { lock.lock(); defer { lock.unlock() }; return values }
}
