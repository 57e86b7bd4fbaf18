import Foundation
import Testing
import TestSupport

/// API.md "Incidents (SEC-2)" over HTTP: record, report (PDF and JSON), reported; the
/// INCIDENT_REPORT item until then; agent admins write, agent-wide auditors read.
@Suite struct IncidentEndToEndTests {
    @Test("SEC-2: an incident is due at once, its report names the clients, and reporting settles the item")
    func test_SEC2_incidentWalk() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let body: [String: Any] = ["discovered_at": "2026-11-16T09:30:00Z", "suspected": true, "clients_affected": [desk.client],
                                   "description": "A laptop with an export of case data was left on a train.", "records_affected": 12,
                                   "contained_at": "2026-11-16T11:00:00Z"]
        // Bad input: unknown field 400; bad times, order, unknown client and a 4,001-character description 422, nothing stored.
        var typo = body
        typo["record_affected"] = 1
        #expect(try admin.call("POST", "/api/v1/incidents", typo).status == 400)
        var bad = body
        bad["discovered_at"] = "2026-11-16 09:30"
        bad["contained_at"] = "2099-01-01T00:00:00Z"
        bad["clients_affected"] = ["no-such-client"]
        bad["description"] = String(repeating: "x", count: 4001)
        let refused = try admin.call("POST", "/api/v1/incidents", bad)
        #expect(refused.status == 422)
        #expect(Set(refused.errorFields) == ["discovered_at", "contained_at", "clients_affected[0]", "description"])
        var unordered = body
        unordered["contained_at"] = "2026-11-16T09:00:00Z"
        #expect(try admin.call("POST", "/api/v1/incidents", unordered).errorFields == ["contained_at"])
        #expect((try admin.call("GET", "/api/v1/incidents")["incidents"] as? [Any])?.isEmpty == true)

        let created = try admin.call("POST", "/api/v1/incidents", body)
        #expect(created.status == 201, "\(created.response.bodyText)")
        let id = created["id"] as? String ?? "?"
        #expect(created["report_due_at"] as? String == "2026-11-16T09:30:00Z")
        #expect(created["report_url"] as? String == "/api/v1/incidents/\(id)/report")
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=INCIDENT_REPORT").map { $0.hasPrefix("INCIDENT_REPORT \(id) 2026-11-16") } == [true])

        let json = try admin.call("GET", "/api/v1/incidents/\(id)/report?format=json")
        #expect(json["records_affected"] as? Int == 12 && json["kind"] as? String == "SUSPECTED")
        #expect((json["clients"] as? [[String: Any]])?.first?["name"] as? String == "Acme Staffing")
        let pdf = try admin.call("GET", "/api/v1/incidents/\(id)/report")
        #expect(pdf.status == 200 && pdf.response.header("Content-Type") == "application/pdf")
        let text = try PDFText.extract(pdf.response.body)
        try PDFText.picture(pdf.response.body, as: "incident-report.png")
        #expect(text.contains("Acme Staffing") && text.contains("2026") && text.contains("Report of a security incident"))

        // Reported: settles the item; a second report is a conflict; a report before discovery is refused.
        #expect(try admin.call("POST", "/api/v1/incidents/\(id)/reported", ["reported_at": "2026-11-16T08:00:00Z", "to": "DHS"]).errorFields == ["reported_at"])
        let reported = try admin.call("POST", "/api/v1/incidents/\(id)/reported", ["reported_at": "2026-11-16T10:00:00Z", "to": "DHS privacy incident desk"])
        #expect(reported.status == 200 && reported["reported_to"] as? String == "DHS privacy incident desk")
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=INCIDENT_REPORT") == [])
        #expect(try admin.call("POST", "/api/v1/incidents/\(id)/reported", ["reported_at": "2026-11-16T10:00:00Z", "to": "DHS"]).status == 409)

        // Roles: an agent-wide auditor reads; a client's admin and auditor do not; nobody but agent admins writes.
        _ = try IdentityEndToEndTests.user(admin, "agent.auditor", role: "AUDITOR", client: nil)
        _ = try IdentityEndToEndTests.user(admin, "acme.admin", role: "CLIENT_ADMIN", client: desk.client)
        let auditor = try IdentityEndToEndTests.activate(desk.port, "agent.auditor", new: "agent-auditor-password-1")
        let clientAdmin = try IdentityEndToEndTests.activate(desk.port, "acme.admin", new: "acme-admin-password-1")
        #expect(try auditor.call("GET", "/api/v1/incidents/\(id)/report?format=json").status == 200)
        #expect(try auditor.call("POST", "/api/v1/incidents", body).status == 403)
        #expect(try clientAdmin.call("GET", "/api/v1/incidents").status == 403)
    }
}
