import Testing
@testable import AgentCore

@Suite("Case deadlines in federal work days")
struct DeadlineCaseTests {
    let federal = FederalCalendar()

    @Test("TNC-10 decision due on the 10th federal work day after the mismatch, skipping Thanksgiving")
    func test_TNC10_decisionDueAcrossThanksgiving() {
        let due = Deadlines.tncDecisionDueDate(mismatchResultDate: civil("2024-11-22"), federal: federal)
        #expect(due == Deadline(name: "tnc_decision_due_date", date: civil("2024-12-09"), rule: "TNC-10"))
    }

    @Test("TNC-10 an extra closure from configuration pushes the date by a day")
    func test_TNC10_extraClosureAtChristmas() {
        let closed = FederalCalendar(extraClosures: [civil("2024-12-24")])
        #expect(Deadlines.tncDecisionDueDate(mismatchResultDate: civil("2024-12-20"), federal: closed).date
            == civil("2025-01-08"))
        #expect(Deadlines.tncDecisionDueDate(mismatchResultDate: civil("2024-12-20"), federal: federal).date
            == civil("2025-01-07"))
    }

    @Test("TNC-4 contact by the 8th federal work day after referral, across two Friday holidays")
    func test_TNC4_contactByAcrossYearEnd() {
        // Christmas observed Fri 2021-12-24, New Year 2022 observed Fri 2021-12-31.
        let due = Deadlines.referralContactByDate(referralDate: civil("2021-12-22"), federal: federal)
        #expect(due == Deadline(name: "referral_contact_by_date", date: civil("2022-01-05"), rule: "TNC-4"))
    }

    @Test("TNC-4 a referral on a Saturday before Memorial Day")
    func test_TNC4_referralOnSaturday() {
        #expect(Deadlines.referralContactByDate(referralDate: civil("2024-05-25"), federal: federal).date
            == civil("2024-06-06"))
    }

    @Test("CASE-7 a draft closes on the 180th federal work day after its last touch")
    func test_CASE7_draftAutoClose() {
        let lastTouched = civil("2024-03-15")
        let close = Deadlines.draftAutoCloseDate(lastTouched: lastTouched, federal: federal)
        #expect(close == Deadline(name: "draft_auto_close_date", date: civil("2024-12-03"), rule: "CASE-7"))
        #expect(federal.federalWorkDays(after: lastTouched, through: close.date) == 180)
    }

    @Test("CASE-9 flag on the 61st federal work day in continuance, not the 60th")
    func test_CASE9_flagAfterMoreThan60WorkDays() {
        let start = civil("2024-05-01")
        let flag = Deadlines.continuanceFlagDate(continuanceStart: start, federal: federal)
        #expect(flag == Deadline(name: "continuance_flag_date", date: civil("2024-07-30"), rule: "CASE-9"))
        // The 60th work day (2024-07-29) is not yet "more than 60".
        #expect(federal.federalWorkDays(after: start, through: civil("2024-07-29")) == 60)
        #expect(federal.federalWorkDays(after: start, through: flag.date) == 61)
    }

    @Test("GOV-1 initial result within 3 federal work days, skipping Labor Day")
    func test_GOV1_initialResultAcrossLaborDay() {
        let due = Deadlines.initialResultDueDate(submitted: civil("2024-08-30"), federal: federal)
        #expect(due == Deadline(name: "initial_result_due_date", date: civil("2024-09-05"), rule: "GOV-1"))
    }

    @Test("GOV-2 referral result within 10 federal work days, skipping Columbus Day")
    func test_GOV2_referralResultAcrossColumbusDay() {
        let due = Deadlines.referralResultDueDate(referred: civil("2024-10-04"), federal: federal)
        #expect(due == Deadline(name: "referral_result_due_date", date: civil("2024-10-21"), rule: "GOV-2"))
    }
}
