import Foundation
import Testing
import TestSupport

/// API.md "The agent's duties" over HTTP: posters (AGT-1), manual versions and their
/// acknowledgment (AGT-2), contacts (AGT-3), with roles and work items.
@Suite struct AgentDutyEndToEndTests {
    @Test("AGT-1: both posters in English and Spanish name the client and the year; each download is audited")
    func test_AGT1_posters() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let expected = ["participation": ["en": "This employer uses E-Verify", "es": "Este empleador usa E-Verify"],
                        "right_to_work": ["en": "You have the right to work", "es": "Usted tiene derecho a trabajar"]]
        for (kind, titles) in expected {
            for (language, title) in titles {
                let reply = try admin.call("GET", "/api/v1/clients/\(desk.client)/posters/\(kind)?language=\(language)")
                #expect(reply.status == 200 && reply.response.header("Content-Type") == "application/pdf", "\(kind) \(language)")
                let text = try PDFText.extract(reply.response.body)
                #expect(text.contains(title) && text.contains("Acme Staffing") && text.contains("2026"), "\(kind) \(language): \(text)")
                try PDFText.picture(reply.response.body, as: "poster-\(kind.replacingOccurrences(of: "_", with: "-"))-\(language).png")
            }
        }
        #expect(try admin.call("GET", "/api/v1/clients/\(desk.client)/posters/participation?language=fr").errorFields == ["language"])
        #expect(try admin.call("GET", "/api/v1/clients/\(desk.client)/posters/tax").status == 404)
        let audit = try admin.call("GET", "/api/v1/audit?client_company_id=\(desk.client)")
        #expect(audit.response.bodyText.components(separatedBy: "poster.download").count - 1 == 4)
    }

    @Test("AGT-2: a new manual version waits 30 days for each client's acknowledgment; AGT-3 contacts kept current")
    func test_AGT2_AGT3_manualsAndContacts() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let other = try IdentityEndToEndTests.client(admin, name: "Other Works", ein: "98-7654321")
        #expect(try admin.call("POST", "/api/v1/manual_versions", ["version": "R31", "released_on": "2027-01-01", "summary": "x"]).errorFields == ["released_on"])
        let version = try admin.call("POST", "/api/v1/manual_versions", ["version": "R31", "released_on": "2026-11-10", "summary": "New photo matching screens."])
        #expect(version.status == 201 && version["acknowledge_by"] as? String == "2026-12-10")
        let vid = version["id"] as? String ?? "?"
        #expect(try admin.call("POST", "/api/v1/manual_versions", ["version": "R31", "released_on": "2026-11-10", "summary": "again"]).status == 409)
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=MANUAL_VERSION") == ["MANUAL_VERSION \(vid):\(desk.client) 2026-12-10",
                                                                                    "MANUAL_VERSION \(vid):\(other) 2026-12-10"].sorted())
        _ = try IdentityEndToEndTests.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: desk.client)
        _ = try IdentityEndToEndTests.user(admin, "acme.auditor", role: "AUDITOR", client: desk.client)
        let clientAdmin = try IdentityEndToEndTests.activate(desk.port, "acme.admin", new: "acme-admin-password-1")
        let auditor = try IdentityEndToEndTests.activate(desk.port, "acme.auditor", new: "acme-auditor-password-1")
        #expect(try auditor.call("POST", "/api/v1/clients/\(desk.client)/manual_versions/\(vid)/ack").status == 403)
        #expect(try clientAdmin.call("POST", "/api/v1/clients/\(other)/manual_versions/\(vid)/ack").status == 404)
        let ack = try clientAdmin.call("POST", "/api/v1/clients/\(desk.client)/manual_versions/\(vid)/ack")
        #expect(ack.status == 200 && ack["acknowledged_at"] is String)
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=MANUAL_VERSION") == ["MANUAL_VERSION \(vid):\(other) 2026-12-10"])
        #expect(try clientAdmin.call("POST", "/api/v1/manual_versions", ["version": "R32", "released_on": "2026-11-10", "summary": "x"]).status == 403)

        // AGT-3: contacts of the client (its admin) and of the agent (agent admins only).
        #expect(try clientAdmin.call("POST", "/api/v1/clients/\(desk.client)/contacts", ["name": "Pat Lee", "kind": "HR", "nickname": "P"]).status == 400)
        let badContact = try clientAdmin.call("POST", "/api/v1/clients/\(desk.client)/contacts", ["name": "Pat Lee", "kind": "BOSS", "email": "pat"])
        #expect(badContact.status == 422 && Set(badContact.errorFields) == ["kind", "email"])
        let contact = try clientAdmin.call("POST", "/api/v1/clients/\(desk.client)/contacts",
                                           ["name": "Pat Lee", "role": "HR manager", "email": "pat@acme.example", "kind": "PROGRAM_ADMIN"])
        #expect(contact.status == 201)
        let cid = contact["id"] as? String ?? "?"
        #expect(try clientAdmin.call("PATCH", "/api/v1/contacts/\(cid)", ["phone": "+1 (555) 010-2000"])["phone"] as? String == "+1 (555) 010-2000")
        #expect(try auditor.call("GET", "/api/v1/clients/\(desk.client)/contacts").status == 200)
        #expect(try auditor.call("PATCH", "/api/v1/contacts/\(cid)", ["phone": "555 010 2001"]).status == 403)
        #expect(try clientAdmin.call("POST", "/api/v1/contacts", ["name": "Agent Desk", "kind": "LEGAL", "email": "desk@agent.example"]).status == 403)
        #expect(try admin.call("POST", "/api/v1/contacts", ["name": "Agent Desk", "kind": "LEGAL", "email": "desk@agent.example"]).status == 201)
        #expect((try admin.call("GET", "/api/v1/contacts")["contacts"] as? [[String: Any]])?.count == 1)
        #expect(try clientAdmin.call("DELETE", "/api/v1/contacts/\(cid)").status == 204)
        #expect((try admin.call("GET", "/api/v1/clients/\(desk.client)/contacts")["contacts"] as? [Any])?.isEmpty == true)
    }
}
