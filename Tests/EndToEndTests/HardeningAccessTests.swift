import Foundation
import Glibc
import Testing
import TestSupport

/// Issue 12 over real sockets, the access half: API keys do not administer identity,
/// auditors write nothing, a training test id is answered once whatever its spelling,
/// transport hygiene, and the modes of the data directory.
@Suite struct HardeningAccessTests {
    typealias Identity = IdentityEndToEndTests

    @Test("Issue 12: an API key may not create, change or deactivate users, keys, TOTP or passwords (403 FORBIDDEN)")
    func test_apiKeysDoNotAdministerIdentity() throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        try Identity.inline {
            let acme = try Identity.client(world.admin, name: "Acme", ein: "12-3456789")
            let adminID = try Identity.user(world.admin, "acme.admin", role: "CLIENT_ADMIN", client: acme)
            let clerkID = try Identity.user(world.admin, "acme.clerk", role: "CLIENT_USER", client: acme)
            let acmeAdmin = try Identity.activate(world.port, "acme.admin", new: "acme-admin-password-1")
            let created = try acmeAdmin.call("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": adminID, "name": "hr feed"])
            #expect(created.status == 201)
            let viaKey = try APIClient(port: world.port, token: created["key"] as? String)
            #expect(try viaKey.call("GET", "/api/v1/users").status == 200)  // reads stay open to the key
            let attempts: [(String, String, [String: Any])] = [
                ("POST", "/api/v1/users", ["username": "acme.hire", "full_name": "New Hire", "role": "CLIENT_USER",
                                           "password": "first-password-123"]),
                ("PATCH", "/api/v1/users/\(clerkID)", ["full_name": "Renamed Clerk"]),
                ("POST", "/api/v1/users/\(clerkID)/deactivate", [:]),
                ("POST", "/api/v1/clients/\(acme)/api_keys", ["user_id": clerkID, "name": "another"]),
                ("DELETE", "/api/v1/api_keys/\(created["id"] as? String ?? "")", [:]),
                ("POST", "/api/v1/users/me/totp", [:]),
                ("POST", "/api/v1/users/me/password", ["current_password": "acme-admin-password-1", "new_password": "acme-admin-password-2"]),
            ]
            for (method, path, body) in attempts {
                let reply = try viaKey.call(method, path, method == "DELETE" ? nil : body)
                #expect(reply.status == 403, "\(method) \(path)")
                #expect(reply.errorCodes == ["FORBIDDEN"], "\(method) \(path)")
            }
            #expect(try world.admin.call("GET", "/api/v1/users/\(clerkID)")["active"] as? Bool == true)
        }
    }

    @Test("Issue 12: confirm_updated is refused to auditors and recorded in the case history for others")
    func test_confirmUpdatedIsAWrite() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        try Identity.inline {
            let admin = desk.admin
            let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
                client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
            #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit").status == 200)
            _ = try Identity.user(admin, "acme.auditor", role: "AUDITOR", client: desk.client)
            let auditor = try Identity.activate(desk.port, "acme.auditor", new: "auditor-password-1")
            let refused = try auditor.call("POST", "/api/v1/cases/confirm_updated", ["case_numbers": [number]])
            #expect(refused.status == 403)
            #expect(refused.errorCodes == ["FORBIDDEN"])
            #expect(try admin.call("POST", "/api/v1/cases/confirm_updated", ["case_numbers": [number]])["acknowledged"] as? Int == 1)
            let events = try admin.call("GET", "/api/v1/cases/\(number)/history")["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["action"] as? String == "case.changes_acknowledged" })
        }
    }

    @Test("Issue 12: a test id with padding appended is the same test, answered once")
    func test_trainingTestIdReplayIsJudgedOnTheTicket() throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        try Identity.inline {
            let test = try world.admin.call("GET", "/api/v1/training/test")
            let testID = test["test_id"] as? String ?? ""
            let questions = test["questions"] as? [[String: Any]] ?? []
            let answers = questions.map { ["question_id": $0["id"] as? String ?? "", "choice": 0] as [String: Any] }
            #expect(try world.admin.call("POST", "/api/v1/training/attempts", ["test_id": testID, "answers": answers]).status == 201)
            // The signature is 43 base64url characters: one `=` makes a valid padded spelling.
            let again = try world.admin.call("POST", "/api/v1/training/attempts", ["test_id": testID + "=", "answers": answers])
            #expect(again.status == 409)
        }
    }

    @Test("Issue 12: every /api/v1 answer says Cache-Control: no-store")
    func test_apiAnswersAreNotStored() throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        for (method, path, token) in [("GET", "/api/v1/users/me", world.admin.token), ("GET", "/api/v1/users/me", nil),
                                      ("GET", "/api/v1/no/such/route", world.admin.token), ("POST", "/api/v1/authentication/login", nil)] {
            let reply = try APIClient(port: world.port).call(method, path, method == "POST" ? ["username": "x"] : nil, token: token ?? "")
            #expect(reply.response.header("Cache-Control") == "no-store", "\(method) \(path) \(reply.status)")
        }
    }

    @Test("Issue 12: a route needing authentication answers 401 on the head, without waiting for the body")
    func test_unauthenticatedUploadIsRefusedBeforeItsBody() throws {
        let world = try Identity.startWorld()
        defer { world.agent.stop() }
        // Header timeout 10 s; the answer must come long before, with no body byte sent.
        let http = try TestHTTPClient(port: world.port, timeoutMs: 3_000)
        try http.send("POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n")
        let response = try http.readResponse()
        #expect(response.status == 401)
        #expect(response.header("Cache-Control") == "no-store")
        #expect(http.isClosedByServer())
        // With the whole (small) body already sent, the answer is the usual one on a kept connection.
        let small = try TestHTTPClient(port: world.port)
        #expect(try small.request("POST", "/api/v1/cases", headers: [("Content-Type", "application/json")], body: Array("{}".utf8)).status == 401)
        #expect(try small.request("GET", "/health").status == 200)
    }

    @Test("Issue 12: the data directory is 0700 and the database files 0600; wider modes are narrowed and logged")
    func test_dataDirectoryModes() throws {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-modes-\(UUID().uuidString)")
        let first = try AgentProcess(environment: Identity.environment, dataDir: dataDir)
        first.stop()
        #expect(Self.mode(dataDir.path) == 0o700)
        let database = dataDir.appendingPathComponent("agent.sqlite").path
        #expect(Self.mode(database) == 0o600)
        #expect(Self.mode(database + "-wal") ?? 0o600 == 0o600)
        chmod(dataDir.path, 0o755)
        chmod(database, 0o644)
        let second = try AgentProcess(environment: Identity.environment, dataDir: dataDir)
        #expect(Self.mode(dataDir.path) == 0o700)
        #expect(Self.mode(database) == 0o600)
        #expect(second.logText.contains("narrowed \(dataDir.path): 755 -> 700"))
        #expect(second.logText.contains("narrowed \(database): 644 -> 600"))
        second.stop()
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }
}
