import Testing
@testable import AgentCore

@Suite struct CaseAdmissionTests {
    static let today = CivilDate(iso: "2025-03-12") ?? .referenceDate

    static func data(continueReason: String? = nil) throws -> CaseData {
        let input = caseFieldInput { if let continueReason { $0.duplicateContinueReasonCode = continueReason } }
        return try CaseRules.validate(input, context: caseFieldContext())
    }

    static func candidate(_ status: CaseStatus, daysAgo: Int) -> DuplicateCandidate {
        DuplicateCandidate(caseNumber: "2025000000001AA", status: status, createdOn: today.adding(days: -daysAgo))
    }

    @Test("CASE-8: an open duplicate blocks the new case, whatever the reason given")
    func test_CASE8_openDuplicateBlocks() throws {
        let verdict = CaseAdmission.judge([Self.candidate(.pendingReferral, daysAgo: 400)], today: Self.today,
                                          data: try Self.data(continueReason: "REHIRE"))
        guard case .openDuplicate(let open, let issue) = verdict else { Issue.record("admitted: \(verdict)"); return }
        #expect(open.status == .pendingReferral)
        #expect(issue.code == "CASE-8")
    }

    @Test("CASE-5: a closed duplicate from the last 365 days needs a reason to continue")
    func test_CASE5_recentClosedDuplicate() throws {
        let recent = [Self.candidate(.closed, daysAgo: 365)]
        guard case .recentDuplicate(let issue) = CaseAdmission.judge(recent, today: Self.today, data: try Self.data()) else {
            Issue.record("admitted without a reason"); return
        }
        #expect(issue.code == "CASE-5")
        #expect(CaseAdmission.judge(recent, today: Self.today, data: try Self.data(continueReason: "REHIRE")) == .admit)
        // Older than the window: no alert.
        #expect(CaseAdmission.judge([Self.candidate(.closed, daysAgo: 366)], today: Self.today, data: try Self.data()) == .admit)
        #expect(CaseAdmission.judge([], today: Self.today, data: try Self.data()) == .admit)
    }

    @Test("IMG-3: the reviewer is not the creator")
    func test_IMG3_secondPerson() {
        #expect(CaseAdmission.reviewerIssue(creator: UserID("a"), reviewer: UserID("a"))?.code == "IMG-3")
        #expect(CaseAdmission.reviewerIssue(creator: UserID("a"), reviewer: UserID("b")) == nil)
    }
}
