import Foundation
import Testing
import TestSupport

/// Issue "identity core", shown over HTTP against the real binary: bootstrap, clients,
/// users, first-password change, lockout, deactivation, training records, and the
/// cross-client 404 on every route that exists so far.
@Suite struct IdentityEndToEndTests {
    /// Cheap password hashing keeps the suite fast; the cost is a setting, not a rule.
    static let environment = ["AGENT_PASSWORD_HASH_LOG_N": "10"]
    static let adminPassword = "correct horse battery staple"

    struct World {
        let agent: AgentProcess
        let admin: APIClient
        var port: Int { agent.httpPort ?? 0 }
    }

    /// The server is another process, so blocking this test's thread starves nothing, and
    /// expectations stay attributed to the test (they are not on a thread of their own).
    static func inline(_ body: () throws -> Void) rethrows { try body() }

    /// `environment` adds `AGENT_*` settings to the cheap hashing of `Self.environment`.
    static func startWorld(environment extra: [String: String] = [:]) throws -> World {
        let environment = Self.environment.merging(extra) { $1 }
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-identity-\(UUID().uuidString)")
        let created = try AgentProcess.createAdmin(dataDir: dataDir, username: "root", password: adminPassword, environment: environment)
        guard created.status == 0 else { throw TestClientError.io("create-admin failed: \(created.output)") }
        let agent = try AgentProcess(environment: environment, dataDir: dataDir)
        let admin = try APIClient(port: agent.httpPort ?? 0)
        guard try admin.login("root", adminPassword).status == 200 else { throw TestClientError.io("admin login failed") }
        return World(agent: agent, admin: admin)
    }

    static func client(_ admin: APIClient, name: String, ein: String) throws -> String {
        let reply = try admin.call("POST", "/api/v1/clients", ["name": name, "ein": ein, "mou_effective_date": "2024-01-02"])
        guard reply.status == 201, let id = reply["client_company_id"] as? String else {
            throw TestClientError.malformed("client create: \(reply.status) \(reply.response.bodyText)")
        }
        return id
    }

    static func user(_ caller: APIClient, _ username: String, role: String, client: String?, password: String = "first-password-123") throws -> String {
        var body: [String: Any] = ["username": username, "full_name": "User \(username)", "password": password, "role": role,
                                   "email": "\(username)@example.com"]
        if let client { body["client_company_id"] = client }
        let reply = try caller.call("POST", "/api/v1/users", body)
        guard reply.status == 201, let id = reply["id"] as? String else {
            throw TestClientError.malformed("user create: \(reply.status) \(reply.response.bodyText)")
        }
        return id
    }

    /// Logs in with the first password and replaces it, as a new user must.
    static func activate(_ port: Int, _ username: String, first: String = "first-password-123", new: String) throws -> APIClient {
        let api = try APIClient(port: port)
        let login = try api.login(username, first)
        guard login.status == 200, login["must_change_password"] as? Bool == true else {
            throw TestClientError.malformed("first login: \(login.response.bodyText)")
        }
        let change = try api.call("POST", "/api/v1/users/me/password", ["current_password": first, "new_password": new])
        guard change.status == 200 else { throw TestClientError.malformed("password change: \(change.response.bodyText)") }
        return api
    }

    @Test func bootstrapLoginAndFirstPasswordChange() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let admin = world.admin
            let me = try admin.call("GET", "/api/v1/users/me")
            #expect(me["role"] as? String == "AGENT_ADMIN")
            #expect(me["must_change_password"] as? Bool == false)

            let acme = try Self.client(admin, name: "Acme Staffing", ein: "12-3456789")
            _ = try Self.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: acme)

            let api = try APIClient(port: port)
            let first = try api.login("acme.admin", "first-password-123")
            #expect(first.status == 200)
            #expect(first["must_change_password"] as? Bool == true)
            #expect(first["expires_in"] as? Int == 3600)
            // Until the password is changed, everything else is refused.
            let blocked = try api.call("GET", "/api/v1/clients")
            #expect(blocked.status == 403)
            #expect(blocked.errorCodes == ["PASSWORD_CHANGE_REQUIRED"])
            let weak = try api.call("POST", "/api/v1/users/me/password", ["current_password": "first-password-123", "new_password": "short"])
            #expect(weak.status == 422)
            let wrong = try api.call("POST", "/api/v1/users/me/password", ["current_password": "not-the-password", "new_password": "a-much-better-one-42"])
            #expect(wrong.status == 422)
            #expect(wrong.errorFields == ["current_password"])
            let changed = try api.call("POST", "/api/v1/users/me/password", ["current_password": "first-password-123", "new_password": "a-much-better-one-42"])
            #expect(changed.status == 200)
            // The session that changed the password goes on; the old password is dead, and so
            // is any other session of the user.
            #expect(try api.call("GET", "/api/v1/clients").status == 200)
            #expect(try APIClient(port: port).login("acme.admin", "first-password-123").status == 401)
            let other = try APIClient(port: port)
            #expect(try other.login("acme.admin", "a-much-better-one-42").status == 200)
            #expect(try api.call("POST", "/api/v1/users/me/password",
                                 ["current_password": "a-much-better-one-42", "new_password": "yet-another-one-43"]).status == 200)
            #expect(try other.call("GET", "/api/v1/users/me").status == 401)
            let second = try api.login("acme.admin", "yet-another-one-43")
            #expect(second["must_change_password"] as? Bool == false)
            let clients = try api.call("GET", "/api/v1/clients")
            #expect(clients.status == 200)
            #expect((clients["clients"] as? [[String: Any]])?.map { $0["client_company_id"] as? String } == [acme])

            let logout = try api.call("POST", "/api/v1/authentication/logout")
            #expect(logout.status == 204)
            #expect(try api.call("GET", "/api/v1/users/me").status == 401)
        }
    }

    @Test func clientsAndUsersFollowTheRoleScopes() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let admin = world.admin
            let acme = try Self.client(admin, name: "Acme", ein: "12-3456789")
            let bolt = try Self.client(admin, name: "Bolt", ein: "98-7654321")
            #expect(try admin.call("POST", "/api/v1/clients", ["name": "Dup", "ein": "123456789", "mou_effective_date": "2024-01-02"]).status == 409)
            _ = try Self.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: acme)
            let boltUser = try Self.user(admin, "bolt.user", role: "CLIENT_USER", client: bolt)
            // Moving a user to a client that does not exist is a field error (it was a 500:
            // the foreign key failed inside the write), and the user stays where it was.
            for ghost in ["", "no-such-client"] {
                let moved = try admin.call("PATCH", "/api/v1/users/\(boltUser)", ["client_company_id": ghost])
                #expect(moved.status == 422)
                #expect(moved.errorFields == ["client_company_id"])
            }
            #expect(try admin.call("GET", "/api/v1/users/\(boltUser)")["client_company_id"] as? String == bolt)
            #expect(try admin.call("POST", "/api/v1/users", ["username": "x.agent", "full_name": "X", "password": "first-password-123",
                                                              "role": "AGENT_USER", "client_company_id": acme]).status == 422)
            let acmeAdmin = try Self.activate(port, "acme.admin", new: "acme-admin-password-1")

            // A client admin makes users for their own client only, and never agent staff.
            let clerk = try acmeAdmin.call("POST", "/api/v1/users", ["username": "acme.clerk", "full_name": "Clerk", "password": "first-password-123",
                                                                     "role": "CLIENT_USER"])
            #expect(clerk.status == 201)
            #expect(clerk["client_company_id"] as? String == acme)
            #expect(try acmeAdmin.call("POST", "/api/v1/users", ["username": "acme.boss", "full_name": "Boss", "password": "first-password-123",
                                                                  "role": "AGENT_ADMIN"]).status == 403)
            #expect(try acmeAdmin.call("POST", "/api/v1/users", ["username": "acme.spy", "full_name": "Spy", "password": "first-password-123",
                                                                  "role": "CLIENT_USER", "client_company_id": bolt]).status == 403)
            #expect(try acmeAdmin.call("POST", "/api/v1/clients", ["name": "Mine", "ein": "11-1111111", "mou_effective_date": "2024-01-02"]).status == 403)
            let users = try acmeAdmin.call("GET", "/api/v1/users")
            let names = Set((users["users"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
            #expect(names == ["acme.admin", "acme.clerk"])

            // A client user may not manage users at all.
            let clerkAPI = try Self.activate(port, "acme.clerk", new: "acme-clerk-password-1")
            #expect(try clerkAPI.call("GET", "/api/v1/users").status == 403)
            #expect(try clerkAPI.call("GET", "/api/v1/clients/\(acme)").status == 200)

            // Unknown fields and several bad fields come back together.
            let bad = try admin.call("POST", "/api/v1/users", ["username": "a", "full_name": "", "password": "x", "role": "KING", "shoe_size": 44])
            #expect(bad.status == 400)
            #expect(bad.errorCodes.contains("UNKNOWN_FIELD"))
            let many = try admin.call("POST", "/api/v1/users", ["username": "a", "full_name": "", "password": "x", "role": "KING"])
            #expect(many.status == 422)
            #expect(Set(many.errorFields).isSuperset(of: ["username", "full_name", "role"]))
            #expect(try APIClient(port: port).call("GET", "/api/v1/clients").status == 401)
        }
    }

    @Test func anotherClientsObjectsAreNotFoundOnEveryRoute() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let admin = world.admin
            let acme = try Self.client(admin, name: "Acme", ein: "12-3456789")
            let bolt = try Self.client(admin, name: "Bolt", ein: "98-7654321")
            _ = try Self.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: acme)
            let boltUser = try Self.user(admin, "bolt.user", role: "CLIENT_USER", client: bolt)
            let acmeAdmin = try Self.activate(port, "acme.admin", new: "acme-admin-password-1")
            let probes: [(String, String, [String: Any]?)] = [
                ("GET", "/api/v1/clients/\(bolt)", nil),
                ("PATCH", "/api/v1/clients/\(bolt)", ["name": "Mine now"]),
                ("GET", "/api/v1/users/\(boltUser)", nil),
                ("PATCH", "/api/v1/users/\(boltUser)", ["full_name": "Renamed"]),
                ("POST", "/api/v1/users/\(boltUser)/deactivate", nil),
                ("GET", "/api/v1/training/records?user_id=\(boltUser)", nil),
            ]
            for (method, path, body) in probes {
                let reply = try acmeAdmin.call(method, path, body)
                #expect(reply.status == 404, "\(method) \(path) answered \(reply.status), not 404")
            }
            // Unknown ids look exactly the same.
            #expect(try acmeAdmin.call("GET", "/api/v1/clients/no-such-client").status == 404)
            // And nothing changed.
            let boltNow = try admin.call("GET", "/api/v1/clients/\(bolt)")
            #expect(boltNow["name"] as? String == "Bolt")
            #expect(try admin.call("GET", "/api/v1/users/\(boltUser)")["active"] as? Bool == true)
        }
    }

    @Test func fiveFailuresLockAUsernameOutWhetherOrNotItExists() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let api = try APIClient(port: port)
            for name in ["root", "nobody.at.all"] {
                var statuses: [Int] = []
                for _ in 0..<6 { statuses.append(try api.login(name, "wrong-password-0000").status) }
                #expect(statuses == [401, 401, 401, 401, 429, 429], "\(name): \(statuses)")
            }
            // Even the right password waits out the window.
            let locked = try api.login("root", Self.adminPassword)
            #expect(locked.status == 429)
            #expect(locked.response.header("Retry-After") == "900")
            // The existing session of the admin is unaffected.
            #expect(try world.admin.call("GET", "/api/v1/users/me").status == 200)
        }
    }

    @Test func deactivationKillsTheUsersTokenAtOnce() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let admin = world.admin
            let acme = try Self.client(admin, name: "Acme", ein: "12-3456789")
            let clerkID = try Self.user(admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            let clerk = try Self.activate(port, "acme.clerk", new: "acme-clerk-password-1")
            #expect(try clerk.call("GET", "/api/v1/users/me").status == 200)
            let deactivated = try admin.call("POST", "/api/v1/users/\(clerkID)/deactivate")
            #expect(deactivated.status == 200)
            #expect(deactivated["active"] as? Bool == false)
            #expect(try clerk.call("GET", "/api/v1/users/me").status == 401)
            #expect(try clerk.login("acme.clerk", "acme-clerk-password-1").status == 401)
            // Admins cannot lock themselves out.
            let me = try admin.call("GET", "/api/v1/users/me")
            #expect(try admin.call("POST", "/api/v1/users/\(me["id"] as? String ?? "")/deactivate").status == 422)
        }
    }

    @Test func trainingRecordsAreRecordedAndExported() async throws {
        let world = try Self.startWorld()
        defer { world.agent.stop() }
        let port = world.port
        try Self.inline {
            let admin = world.admin
            let acme = try Self.client(admin, name: "Acme", ein: "12-3456789")
            let clerkID = try Self.user(admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            let failed = try admin.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2026-01-05", "score_percent": 69])
            #expect(failed.status == 201)
            #expect(failed["passed"] as? Bool == false)
            let passed = try admin.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2026-01-06", "score_percent": 70,
                                                                             "note": "classroom session"])
            #expect(passed["passed"] as? Bool == true)
            #expect(passed["curriculum_version"] as? String == "2026.1")
            #expect(try admin.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2999-01-01", "score_percent": 80]).status == 422)
            #expect(try admin.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2026-01-01", "score_percent": 101]).status == 422)
            #expect(try admin.call("POST", "/api/v1/training/records", ["user_id": "nobody", "date": "2026-01-01", "score_percent": 80]).status == 422)

            let clerk = try Self.activate(port, "acme.clerk", new: "acme-clerk-password-1")
            #expect(try clerk.call("POST", "/api/v1/training/records", ["user_id": clerkID, "date": "2026-01-06", "score_percent": 100]).status == 403)
            let own = try clerk.call("GET", "/api/v1/training/records?user_id=\(clerkID)")
            #expect((own["training_records"] as? [[String: Any]])?.count == 2)
            let csv = try admin.call("GET", "/api/v1/training/records?format=csv")
            #expect(csv.response.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.response.bodyText.contains("User acme.clerk,2026-01-06,70,true,2026.1"))
        }
    }
}
