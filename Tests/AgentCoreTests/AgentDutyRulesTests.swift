import Testing
@testable import AgentCore

@Suite("The agent's duties")
struct AgentDutyRulesTests {
    @Test("AGT-2: each client's acknowledgment of a manual version is due 30 days after its release")
    func test_AGT2_manualAcknowledgmentDue() {
        let version = ManualVersion(id: "v1", version: "R31", releasedOn: civil("2026-12-15"), summary: "", createdAt: "", createdBy: nil)
        let item = AgentDutyRules.manualItem(version, clientID: ClientID("c1"))
        #expect(item.kind == .manualVersion && item.rule == "AGT-2" && item.dueDate == civil("2027-01-14"))
        #expect(item.subject == WorkSubject(.manualVersion, "v1:c1"))
    }

    @Test("AGT-3: a contact has a name and an email or a phone that look real")
    func test_AGT3_contactChecks() {
        func fields(_ name: String?, _ email: String?, _ phone: String?, creating: Bool = true) -> [String] {
            var issues = IssueCollector()
            AgentDutyRules.checkContact(name: name, email: email, phone: phone, creating: creating, into: &issues)
            return issues.issues.map(\.field)
        }
        #expect(fields("Pat", "pat@acme.example", nil) == [])
        #expect(fields("Pat", nil, "+1 (555) 010-2000") == [])
        #expect(fields("Pat", nil, nil) == ["email"])
        #expect(fields(nil, "pat@acme.example", nil) == ["name"])
        #expect(fields("Pat", "pat@acme", "12") == ["email", "phone"])
        #expect(fields(nil, nil, nil, creating: false) == [])
    }
}
