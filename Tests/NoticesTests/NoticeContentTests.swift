import AgentCore
import Testing
@testable import Notices

/// The content model: what each notice carries, before any language or format.
@Suite struct NoticeContentTests {
    @Test func test_TNC1_eachMismatchKindNamesItsAgencies() {
        #expect(Fixture.fan(.ssa).agencies == [.ssa])
        #expect(Fixture.fan(.dhs).agencies == [.dhs])
        #expect(Fixture.fan(.dual).agencies == [.ssa, .dhs])
        #expect(Fixture.fan(.dhsPhoto).agencies == [.dhs])
    }

    @Test func employeeCopyShowsTheNameAndOnlyTheLastFourOfNumbers() {
        let content = Fixture.fan(.ssa)
        #expect(content.employeeName == "Marisol J. Quintero-Vance")
        let values = content.employeeFields.compactMap { field -> String? in
            if case .text(let text) = field.value { return text }
            return nil
        }
        #expect(values.contains("***-**-6789"))
        #expect(values.contains("******5678"))
        #expect(!values.joined().contains("123-45"), "the full SSN must not reach a notice")
        #expect(!values.joined().contains("A01234"), "the full A-Number must not reach a notice")
    }

    @Test func test_CASE3_summaryCarriesTheCaseNumberAndMaskedSSN() {
        let content = Fixture.summary()
        #expect(content.caseNumber == Fixture.caseNumber)
        #expect(content.kind == .caseSummary)
        #expect(content.employeeFields.contains(NoticeField(.ssn, .text("***-**-6789"))))
        #expect(content.record?.status == .referred)
        #expect(content.contactBy == Fixture.contactBy)
    }

    @Test func test_TNC4_rdcIsDatedTheDayOfReferralWithTheContactByDate() {
        let content = Fixture.rdc(.dual)
        #expect(content.issuedOn == Fixture.referred)
        #expect(content.contactBy == Fixture.contactBy)
    }

    /// The fixture's dates are the ones AgentCore's rules compute, so the notice
    /// tests check real deadlines, not made-up ones.
    @Test func fixtureDeadlinesAgreeWithTheDomainRules() {
        let federal = FederalCalendar()
        #expect(Deadlines.tncDecisionDueDate(mismatchResultDate: Fixture.issued, federal: federal).date == Fixture.decisionDue)
        #expect(Deadlines.referralContactByDate(referralDate: Fixture.referred, federal: federal).date == Fixture.contactBy)
    }

    @Test func summaryListsAgenciesAReferralTouchedEvenWithoutAMismatch() {
        var progress = CaseProgress(createdOn: Fixture.issued)
        progress.status = .closed
        progress.dhsReferral = .resolved
        let content = NoticeBuilder.caseSummary(caseNumber: "X", input: Fixture.input(), progress: progress,
                                                employerName: "E", issuedOn: Fixture.issued)
        #expect(content.agencies == [.dhs])
    }

    @Test func decisionDueDateAppearsOnTheSummaryOnlyWhileTheDecisionIsPending() {
        var progress = CaseProgress(createdOn: Fixture.issued)
        progress.status = .pendingReferral
        progress.mismatch = .ssa
        let pending = NoticeBuilder.caseSummary(caseNumber: "X", input: Fixture.input(), progress: progress, employerName: "E",
                                                issuedOn: Fixture.issued, decisionDueDate: Fixture.decisionDue)
        #expect(pending.decisionDueDate == Fixture.decisionDue)
        progress.status = .referred
        let referred = NoticeBuilder.caseSummary(caseNumber: "X", input: Fixture.input(), progress: progress, employerName: "E",
                                                 issuedOn: Fixture.issued, decisionDueDate: Fixture.decisionDue)
        #expect(referred.decisionDueDate == nil)
    }
}
