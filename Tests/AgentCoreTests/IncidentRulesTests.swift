import Testing
@testable import AgentCore

@Suite("SEC-2 incidents")
struct IncidentRulesTests {
    static func incident(reportedAt: String? = nil) -> Incident {
        Incident(id: "i1", discoveredAt: "2026-11-16T23:59:59Z", suspected: true, description: "x", clientsAffected: [], recordsAffected: 1,
                 containedAt: nil, reportedAt: reportedAt, createdAt: "", createdBy: nil)
    }

    @Test("SEC-2: the report is due at once, on the day of discovery, until it is sent")
    func test_SEC2_reportDueAtOnce() {
        let item = IncidentRules.workItem(Self.incident())
        #expect(item?.kind == .incidentReport && item?.dueDate == civil("2026-11-16") && item?.clientID == nil && item?.rule == "SEC-2")
        #expect(Self.incident().reportDueAt == "2026-11-16T23:59:59Z")
        #expect(IncidentRules.workItem(Self.incident(reportedAt: "2026-11-17T00:10:00Z")) == nil)
    }

    @Test("SEC-2: times are UTC seconds, in order, not in the future")
    func test_SEC2_timesChecked() {
        #expect(IncidentRules.isTimestamp("2026-11-16T09:30:00Z"))
        for bad in ["2026-11-16T24:00:00Z", "2026-02-30T09:30:00Z", "2026-11-16T09:30:00+01:00", "2026-11-16 09:30:00Z", "2026-11-16T09:30Z"] {
            #expect(!IncidentRules.isTimestamp(bad), "\(bad)")
        }
        var issues = IssueCollector()
        IncidentRules.check(discoveredAt: "2026-11-16T09:30:00Z", containedAt: "2026-11-16T09:29:59Z", now: "2026-11-17T00:00:00Z", into: &issues)
        #expect(issues.issues.map(\.field) == ["contained_at"])
        var future = IssueCollector()
        IncidentRules.check(discoveredAt: "2026-11-17T00:00:01Z", containedAt: nil, now: "2026-11-17T00:00:00Z", into: &future)
        #expect(future.issues.map(\.code) == [FieldIssue.outOfRange])
    }
}
