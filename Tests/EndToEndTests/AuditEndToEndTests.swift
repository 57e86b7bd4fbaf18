import Foundation
import Testing
import TestSupport

@Suite struct AuditEndToEndTests {
    /// Runs a short Python sqlite3 script against the stopped server's database, as an
    /// attacker with file access would.
    static func tamper(_ database: String, _ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n" + script + "\nc.commit()", database]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestClientError.io("tamper script failed") }
    }

    @Test("the audit trail is exported, and an edited row is named by audit/verify")
    func editedRowIsFound() throws {
        let world = try IdentityEndToEndTests.startWorld()
        let admin = world.admin
        let acme = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        _ = try IdentityEndToEndTests.client(admin, name: "Bolt", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "acme.clerk", role: "CLIENT_USER", client: acme)
        #expect(try admin.call("PATCH", "/api/v1/clients/\(acme)", ["federal_contractor": true]).status == 200)

        let before = try admin.call("GET", "/api/v1/audit/verify")
        #expect(before["valid"] as? Bool == true)
        let total = before["entries"] as? Int ?? 0
        #expect(total >= 5)

        let lines = try admin.call("GET", "/api/v1/audit?client_company_id=\(acme)").response.bodyText.split(separator: "\n")
        let entries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.count == lines.count)
        #expect(entries.allSatisfy { $0["client_company_id"] as? String == acme })
        let update = entries.first { $0["action"] as? String == "client.update" }
        #expect(update?["changes"] as? [[String: Any]] != nil)
        let csv = try admin.call("GET", "/api/v1/audit?format=csv")
        #expect(csv.response.bodyText.hasPrefix("id,at,actor_type"))
        // A client user has no access to the trail.
        let clerk = try IdentityEndToEndTests.activate(world.port, "acme.clerk", new: "acme-clerk-password-1")
        #expect(try clerk.call("GET", "/api/v1/audit").status == 403)

        let target = (update?["id"] as? Int) ?? 0
        world.agent.stop()
        let database = world.agent.dataDir.appendingPathComponent("agent.sqlite").path
        // The triggers refuse the edit as long as they exist...
        #expect(throws: (any Error).self) {
            try Self.tamper(database, "c.execute(\"UPDATE audit_log SET action = 'client.view' WHERE id = \(target)\")")
        }
        // ...so the attacker drops them first.
        try Self.tamper(database, "c.execute('DROP TRIGGER audit_log_no_update')\nc.execute(\"UPDATE audit_log SET action = 'client.view' WHERE id = \(target)\")")

        let restarted = try AgentProcess(environment: IdentityEndToEndTests.environment, dataDir: world.agent.dataDir)
        defer { restarted.stop() }
        let checker = try APIClient(port: restarted.httpPort ?? 0)
        _ = try checker.login("root", IdentityEndToEndTests.adminPassword)
        let after = try checker.call("GET", "/api/v1/audit/verify")
        #expect(after["valid"] as? Bool == false)
        #expect(after["first_broken"] as? Int == target)
    }
}
