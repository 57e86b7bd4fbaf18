import Foundation
import Testing
import TestSupport

/// API.md "Who may do what" as a table: every route so far × every role × own or other
/// client gives the status the rules imply. 403 when the role lacks the right, 404 when
/// the object belongs to a client outside the caller's scope.
@Suite struct RoleMatrixTests {
    enum Who: String, CaseIterable {
        case agentAdmin, agentUser, clientAdmin, clientUser, auditor, agentAuditor
    }

    struct Row {
        let method: String
        let path: String
        let body: [String: Any]?
        let expected: [Who: Int]
    }

    @Test func everyRouteEveryRoleEveryScope() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        let port = world.port
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-16"])
        let own = try IdentityEndToEndTests.client(admin, name: "Own", ein: "12-3456789")
        let other = try IdentityEndToEndTests.client(admin, name: "Other", ein: "98-7654321")
        let me = try admin.call("GET", "/api/v1/users/me")["id"] as? String ?? ""
        // Everyone is trained, so only roles and scopes decide.
        _ = try admin.call("POST", "/api/v1/training/records", ["user_id": me, "date": "2026-01-05", "score_percent": 90])
        var api: [Who: APIClient] = [.agentAdmin: admin]
        let accounts: [(Who, String, String?)] = [(.agentUser, "AGENT_USER", nil), (.clientAdmin, "CLIENT_ADMIN", own),
                                                   (.clientUser, "CLIENT_USER", own), (.auditor, "AUDITOR", own),
                                                   (.agentAuditor, "AUDITOR", nil)]
        var ids: [Who: String] = [:]
        for (who, role, client) in accounts {
            let id = try IdentityEndToEndTests.user(admin, who.rawValue.lowercased(), role: role, client: client)
            ids[who] = id
            _ = try admin.call("POST", "/api/v1/training/records", ["user_id": id, "date": "2026-01-05", "score_percent": 90])
            api[who] = try IdentityEndToEndTests.activate(port, who.rawValue.lowercased(), new: "matrix-password-\(who.rawValue)")
        }
        let otherUser = try IdentityEndToEndTests.user(admin, "other.user", role: "CLIENT_USER", client: other)
        func newCase(_ client: String, _ ssn: String) throws -> String {
            try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
                client: client, ssn: ssn, first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        }
        let ownCase = try newCase(own, "151-20-1001")
        let otherCase = try newCase(other, "151-20-1001")

        let everyone = Dictionary(uniqueKeysWithValues: Who.allCases.map { ($0, 200) })
        func only(_ allowed: [Who], _ status: Int = 200, others: Int = 403) -> [Who: Int] {
            Dictionary(uniqueKeysWithValues: Who.allCases.map { ($0, allowed.contains($0) ? status : others) })
        }
        /// Agent-wide callers get `status`; callers scoped to the own client get 404.
        func agentWide(_ status: Int = 200, auditors: Bool = true) -> [Who: Int] {
            [.agentAdmin: status, .agentUser: status, .agentAuditor: auditors ? status : 403,
             .clientAdmin: 404, .clientUser: 404, .auditor: 404]
        }
        let rows: [Row] = [
            Row(method: "GET", path: "/api/v1/clients/\(own)", body: nil, expected: everyone),
            Row(method: "GET", path: "/api/v1/clients/\(other)", body: nil, expected: agentWide()),
            Row(method: "POST", path: "/api/v1/clients", body: ["name": "New", "ein": "33-3456789", "mou_effective_date": "2024-01-02"],
                expected: only([.agentAdmin], 201)),
            Row(method: "PATCH", path: "/api/v1/clients/\(own)", body: ["naics_code": "5613"], expected: only([.agentAdmin])),
            Row(method: "PATCH", path: "/api/v1/clients/\(other)", body: ["naics_code": "5613"],
                expected: [.agentAdmin: 200, .agentUser: 403, .agentAuditor: 403, .clientAdmin: 404, .clientUser: 404, .auditor: 404]),
            Row(method: "GET", path: "/api/v1/users", body: nil, expected: only([.agentAdmin, .clientAdmin])),
            // The client user reads their own record; other non-admins may not.
            Row(method: "GET", path: "/api/v1/users/\(ids[.clientUser] ?? "")", body: nil, expected: only([.agentAdmin, .clientAdmin, .clientUser])),
            Row(method: "GET", path: "/api/v1/users/\(otherUser)", body: nil,
                expected: [.agentAdmin: 200, .agentUser: 403, .agentAuditor: 403, .clientAdmin: 404, .clientUser: 403, .auditor: 403]),
            Row(method: "GET", path: "/api/v1/users/me", body: nil, expected: everyone),
            Row(method: "GET", path: "/api/v1/cases/\(ownCase)", body: nil, expected: everyone),
            Row(method: "GET", path: "/api/v1/cases/\(otherCase)", body: nil, expected: agentWide()),
            Row(method: "GET", path: "/api/v1/cases/\(otherCase)/history", body: nil, expected: agentWide()),
            // A draft cannot be referred: 409 shows the caller got past the role and scope checks.
            Row(method: "POST", path: "/api/v1/cases/\(otherCase)/refer", body: ["employee_notified": true],
                expected: [.agentAdmin: 409, .agentUser: 409, .agentAuditor: 403, .clientAdmin: 404, .clientUser: 404, .auditor: 403]),
            Row(method: "GET", path: "/api/v1/training/records", body: nil, expected: only([.agentAdmin, .clientAdmin, .auditor, .agentAuditor])),
            Row(method: "GET", path: "/api/v1/audit/verify", body: nil, expected: only([.agentAdmin, .agentAuditor])),
            Row(method: "GET", path: "/api/v1/audit?client_company_id=\(other)", body: nil,
                expected: [.agentAdmin: 200, .agentUser: 403, .agentAuditor: 200, .clientAdmin: 403, .clientUser: 403, .auditor: 404]),
            Row(method: "POST", path: "/api/v1/simulator/clock", body: ["advance_work_days": 0], expected: only([.agentAdmin])),
            Row(method: "GET", path: "/api/v1/operations/government", body: nil, expected: only([.agentAdmin])),
        ]
        var mismatches: [String] = []
        for row in rows {
            for who in Who.allCases {
                guard let caller = api[who], let want = row.expected[who] else { continue }
                let got = try caller.call(row.method, row.path, row.body).status
                if got != want { mismatches.append("\(row.method) \(row.path) as \(who.rawValue): \(got), expected \(want)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")

        // Creating cases: every role that acts on cases, never auditors.
        var ssn = 1001
        for who in Who.allCases {
            ssn += 1
            var body = CaseEndToEndTests.body(client: own, ssn: "152-20-\(ssn)", first: "Katherine", last: "Spelling", dob: "1987-06-30")
            if who == .clientAdmin || who == .clientUser { body.removeValue(forKey: "client_company_id") }
            let got = try api[who]?.call("POST", "/api/v1/cases", body).status
            let want = (who == .auditor || who == .agentAuditor) ? 403 : 201
            #expect(got == want, "POST cases as \(who.rawValue): \(got ?? 0)")
        }
    }
}
