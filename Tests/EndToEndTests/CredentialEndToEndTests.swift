import Foundation
import Storage
import Testing
import TestSupport

/// Issue 7 over HTTP against the real binary: no reuse of recent passwords, expiry, and
/// API keys of clients (create, use, revoke, and never across clients).
@Suite struct CredentialEndToEndTests {
    typealias Identity = IdentityEndToEndTests

    static func changePassword(_ api: APIClient, from current: String, to new: String) throws -> APIClient.Reply {
        try api.call("POST", "/api/v1/users/me/password", ["current_password": current, "new_password": new])
    }

    /// Runs SQL on a stopped agent's database, as time passing would leave it.
    static func edit(_ dataDir: URL, _ sql: String, _ parameters: [SQLValue]) async throws {
        let database = try await Database.open(path: try DataDirectory(path: dataDir.path).databasePath)
        try await database.write { try $0.execute(sql, parameters) }
        await database.close()
    }

    @Test("ACC-1: a new password may not be the current one nor any of the 5 before it")
    func test_ACC1_noReuseOfTheLastFivePasswords() async throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Identity.inline {
            let acme = try Identity.client(world.admin, name: "Acme", ein: "12-3456789")
            _ = try Identity.user(world.admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            // first-password-123 (admin-given), then p1 … p6 of the user's own.
            let passwords = (1...6).map { "own-password-no-\($0)" }
            let api = try Identity.activate(port, "acme.clerk", new: passwords[0])
            for (old, new) in zip(passwords, passwords.dropFirst()) {
                #expect(try Self.changePassword(api, from: old, to: new).status == 200)
            }
            let current = passwords[5]
            // The 5 before the current one are refused with the rule's ID …
            for old in passwords.prefix(5) {
                let reused = try Self.changePassword(api, from: current, to: old)
                #expect(reused.status == 422, "\(old)")
                #expect(reused.errorCodes == ["ACC-1"])
                #expect(reused.errorFields == ["new_password"])
            }
            #expect(try Self.changePassword(api, from: current, to: current).status == 422)
            // … while the 6th before it, the admin-given one, is allowed again.
            #expect(try Self.changePassword(api, from: current, to: "first-password-123").status == 200)
            #expect(try APIClient(port: port).login("acme.clerk", "first-password-123").status == 200)
        }
    }

    @Test("ACC-1: an expired password signs in, but every other route waits for its change")
    func test_ACC1_expiredPasswordMustBeChanged() async throws {
        let world = try Identity.startWorld()
        let acme = try Identity.client(world.admin, name: "Acme", ein: "12-3456789")
        _ = try Identity.user(world.admin, "acme.clerk", role: "CLIENT_USER", client: acme)
        _ = try Identity.activate(world.port, "acme.clerk", new: "clerk-password-one")
        let adminToken = world.admin.token
        world.agent.stop()
        // 91 days pass for the clerk and for the admin that create-admin made.
        let longAgo = UTCTime.iso(milliseconds: UTCTime.nowMilliseconds() - 91 * 86_400_000)
        try await Self.edit(world.agent.dataDir, "UPDATE users SET password_changed_at = ? WHERE username IN ('acme.clerk', 'root')",
                            [.text(longAgo)])
        let agent = try AgentProcess(environment: Identity.environment, dataDir: world.agent.dataDir)
        defer { agent.stop() }
        let port = agent.httpPort ?? 0
        try Identity.inline {
            // A session from before the expiry is held back as well.
            let admin = try APIClient(port: port, token: adminToken)
            let held = try admin.call("GET", "/api/v1/clients")
            #expect(held.status == 403)
            #expect(held.errorCodes == ["PASSWORD_CHANGE_REQUIRED"])

            let api = try APIClient(port: port)
            let login = try api.login("acme.clerk", "clerk-password-one")
            #expect(login.status == 200)
            #expect(login["must_change_password"] as? Bool == true)
            #expect((login["password_expiration_date"] as? String ?? "9999") < String(UTCTime.nowISO().prefix(10)))
            #expect(try api.call("GET", "/api/v1/clients").errorCodes == ["PASSWORD_CHANGE_REQUIRED"])
            let me = try api.call("GET", "/api/v1/users/me")
            #expect(me.status == 200)
            #expect(me["must_change_password"] as? Bool == true)
            #expect(try api.call("POST", "/api/v1/authentication/refresh").status == 200)
            #expect(try api.login("acme.clerk", "clerk-password-one").status == 200) // the refresh retired the old token
            // Renewing means a new password, not the same one again.
            #expect(try Self.changePassword(api, from: "clerk-password-one", to: "clerk-password-one").status == 422)
            #expect(try Self.changePassword(api, from: "clerk-password-one", to: "clerk-password-two").status == 200)
            #expect(try api.call("GET", "/api/v1/clients").status == 200)
            #expect(try api.call("GET", "/api/v1/users/me")["must_change_password"] as? Bool == false)
        }
    }

    @Test("ACC-1: an API key acts as its user until revoked or the user leaves, never across clients")
    func test_ACC1_apiKeys() async throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        var keyIDs: [String: String] = [:]
        try Identity.inline {
            let root = world.admin
            let acme = try Identity.client(root, name: "Acme", ein: "12-3456789")
            let bolt = try Identity.client(root, name: "Bolt", ein: "98-7654321")
            let clerkID = try Identity.user(root, "acme.clerk", role: "CLIENT_USER", client: acme)
            let acmeAdminID = try Identity.user(root, "acme.admin", role: "CLIENT_ADMIN", client: acme)
            let boltUserID = try Identity.user(root, "bolt.user", role: "CLIENT_USER", client: bolt)
            _ = try Identity.user(root, "bolt.admin", role: "CLIENT_ADMIN", client: bolt)
            let acmeAdmin = try Identity.activate(port, "acme.admin", new: "acme-admin-password-1")
            let clerk = try Identity.activate(port, "acme.clerk", new: "acme-clerk-password-1")
            let boltAdmin = try Identity.activate(port, "bolt.admin", new: "bolt-admin-password-1")

            let created = try acmeAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": clerkID, "name": "payroll sync"])
            #expect(created.status == 201)
            let key = created["key"] as? String ?? ""
            let keyID = created["id"] as? String ?? ""
            keyIDs["clerk"] = keyID
            #expect(key.hasPrefix("eak_") && key.count == 47)
            #expect(created["user_id"] as? String == clerkID)
            #expect(created["client_company_id"] as? String == acme)
            #expect(created.response.header("Cache-Control") == "no-store")
            let listed = try acmeAdmin.call("GET", "/api/v1/clients/\(acme)/api_keys")
            let items = listed["api_keys"] as? [[String: Any]] ?? []
            #expect(items.map { $0["id"] as? String } == [keyID])
            #expect(items.allSatisfy { $0["key"] == nil })
            #expect(!listed.response.bodyText.contains(key))

            // The key signs in as its user.
            let viaKey = try APIClient(port: port, token: key)
            #expect(try viaKey.call("GET", "/api/v1/users/me")["username"] as? String == "acme.clerk")
            #expect(try viaKey.call("GET", "/api/v1/clients/\(acme)").status == 200)
            #expect(try viaKey.call("GET", "/api/v1/clients/\(bolt)").status == 404)
            // A key manages no credentials: no password change, no sessions, no more keys.
            #expect(try viaKey.call("POST", "/api/v1/users/me/password",
                                    ["current_password": "acme-clerk-password-1", "new_password": "stolen-key-password"]).status == 403)
            #expect(try viaKey.call("POST", "/api/v1/authentication/refresh").status == 403)

            // Who may: the client's own admins and agent admins; not its users.
            #expect(try clerk.call("GET", "/api/v1/clients/\(acme)/api_keys").status == 403)
            #expect(try clerk.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": clerkID, "name": "mine"]).status == 403)
            #expect(try root.call("POST", "/api/v1/clients/\(bolt)/api_keys", ["user_id": boltUserID, "name": "bolt sync"]).status == 201)
            // Another client's client, keys and users do not exist for a client admin.
            #expect(try boltAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": clerkID, "name": "x"]).status == 404)
            #expect(try boltAdmin.call("GET", "/api/v1/clients/\(acme)/api_keys").status == 404)
            #expect(try boltAdmin.call("DELETE", "/api/v1/api_keys/\(keyID)").status == 404)
            let foreign = try acmeAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": boltUserID, "name": "x"])
            #expect(foreign.status == 422)
            #expect(foreign.errorFields == ["user_id"])
            #expect(try acmeAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": clerkID]).status == 422)
            #expect(try viaKey.call("GET", "/api/v1/users/me").status == 200)

            // A change made with a key is recorded with the key as its actor.
            let adminKey = try acmeAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": acmeAdminID, "name": "hr feed"])
            keyIDs["admin"] = adminKey["id"] as? String
            let adminViaKey = try APIClient(port: port, token: adminKey["key"] as? String)
            #expect(try adminViaKey.call("POST", "/api/v1/clients/\(acme)/hires",
                                         ["employee_id": "E-1", "first_name": "New", "last_name": "Hire", "date_of_hire": "2026-01-05"]).status == 201)
            // Issue 12: administering identity needs a session; the key is refused.
            let refused = try adminViaKey.call("POST", "/api/v1/users", ["username": "acme.hire", "full_name": "New Hire", "role": "CLIENT_USER",
                                                                         "password": "first-password-123"])
            #expect(refused.status == 403)
            #expect(refused.errorCodes == ["FORBIDDEN"])

            // Revoked: dead at once; revoking again changes nothing.
            #expect(try acmeAdmin.call("DELETE", "/api/v1/api_keys/\(keyID)").status == 204)
            #expect(try viaKey.call("GET", "/api/v1/users/me").status == 401)
            #expect(try acmeAdmin.call("DELETE", "/api/v1/api_keys/\(keyID)").status == 204)
            let after = try acmeAdmin.call("GET", "/api/v1/clients/\(acme)/api_keys")["api_keys"] as? [[String: Any]] ?? []
            #expect(after.first { $0["id"] as? String == keyID }?["active"] as? Bool == false)
            // A deactivated user's keys die with them.
            #expect(try root.call("POST", "/api/v1/users/\(acmeAdminID)/deactivate").status == 200)
            #expect(try adminViaKey.call("GET", "/api/v1/users/me").status == 401)
            #expect(try APIClient(port: port, token: "eak_not-a-key").call("GET", "/api/v1/users/me").status == 401)
        }
        world.agent.stop()
        let database = try await Database.open(path: try DataDirectory(path: world.agent.dataDir.path).databasePath)
        let actors = try await database.read { db in
            try db.query("SELECT action, actor_type, actor_id FROM audit_log WHERE action IN ('hire.add', 'user.create', 'api_key.revoke') ORDER BY id") {
                [$0.string(at: 0) ?? "", $0.string(at: 1) ?? "", $0.string(at: 2) ?? ""]
            }
        }
        await database.close()
        #expect(actors.contains(["hire.add", "api_key", keyIDs["admin"] ?? "?"]))
        #expect(!actors.contains { $0[0] == "user.create" && $0[1] == "api_key" })
        #expect(actors.filter { $0[0] == "api_key.revoke" }.count == 1)
    }
}
