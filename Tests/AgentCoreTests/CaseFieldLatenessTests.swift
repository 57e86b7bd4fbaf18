import Testing
@testable import AgentCore

/// A case whose first day was `hire` (offer and Form I-9 dates early enough).
private func hiredOn(_ hire: String, _ change: (inout CaseInput) -> Void = { _ in }) -> CaseInput {
    caseFieldInput {
        $0.dateOfHire = civil(hire); $0.offerAcceptedDate = civil("2025-02-20")
        $0.i9Section1Date = civil("2025-03-03"); $0.i9Section2Date = civil("2025-03-04")
        change(&$0)
    }
}

@Suite struct CaseFieldLatenessTests {
    @Test("HIRE-2: on time through the third business day, no reason needed")
    func test_HIRE2_onTime() {
        // Monday 2025-03-10 → due Thursday 2025-03-13.
        #expect(CaseRules.hireDueDate(firstDayOfEmployment: civil("2025-03-10"), profile: caseFieldProfile()).date == civil("2025-03-13"))
        #expect(caseFieldIssues(hiredOn("2025-03-10"), caseFieldContext(today: "2025-03-13")).isEmpty)
        #expect(caseFieldIssues(hiredOn("2025-03-07")).isEmpty)
    }

    @Test("HIRE-2: a late case needs a reason from the list")
    func test_HIRE2_lateCaseNeedsReason() {
        expectCaseFieldRefusal(hiredOn("2025-03-05"), [("reason_for_delay_code", "HIRE-2")])
        let message = caseFieldIssues(hiredOn("2025-03-05")).first?.message ?? ""
        #expect(message.contains("2025-03-10"), "the message names the due date")
        let data = acceptedCaseFieldData(hiredOn("2025-03-05") { $0.reasonForDelayCode = "TECHNICAL_PROBLEMS" })
        #expect(data?.reasonForDelay == .technicalProblems)
        expectCaseFieldRefusal(hiredOn("2025-03-05") { $0.reasonForDelayCode = "FORGOT" }, [("reason_for_delay_code", "INVALID_VALUE")])
    }

    @Test("HIRE-2: OTHER needs a description of at most 200 characters")
    func test_HIRE2_otherNeedsDescription() {
        expectCaseFieldRefusal(hiredOn("2025-03-05") { $0.reasonForDelayCode = "OTHER" }, [("reason_for_delay_description", "REQUIRED")])
        let long = String(repeating: "x", count: 201)
        expectCaseFieldRefusal(hiredOn("2025-03-05") { $0.reasonForDelayCode = "OTHER"; $0.reasonForDelayDescription = long },
                               [("reason_for_delay_description", "OUT_OF_RANGE")])
        let fine = acceptedCaseFieldData(hiredOn("2025-03-05") {
            $0.reasonForDelayCode = "OTHER"; $0.reasonForDelayDescription = String(repeating: "y", count: 200)
        })
        #expect(fine?.reasonForDelayDescription?.count == 200)
    }

    @Test("HIRE-2: the client's own business days count (Monday to Saturday)")
    func test_HIRE2_employerBusinessDays() {
        // Friday 2025-03-07: Mon–Fri due Wed 03-12 (on time); Mon–Sat due Tue 03-11 (late).
        var profile = caseFieldProfile()
        profile.employerBusinessDays = Weekday.mondayToFriday + [.saturday]
        expectCaseFieldRefusal(hiredOn("2025-03-07"), caseFieldContext(profile: profile), [("reason_for_delay_code", "HIRE-2")])
        profile.employerBusinessDays = Weekday.mondayToFriday
        profile.employerClosedDates = [civil("2025-03-11")]
        #expect(caseFieldIssues(hiredOn("2025-03-06"), caseFieldContext(profile: profile)).isEmpty)
    }

    @Test("HIRE-2: a government outage stops the clock")
    func test_HIRE2_outageStopsClock() {
        // Wednesday 2025-03-05 is due Monday 03-10; an outage on Thu–Fri moves it to Wednesday 03-12.
        let outage = [civil("2025-03-06")...civil("2025-03-07")]
        #expect(caseFieldIssues(hiredOn("2025-03-05"), caseFieldContext(outages: outage)).isEmpty)
    }

    @Test("HIRE-2: judged on the creation day given in the context")
    func test_HIRE2_createdOn() {
        let context = CaseContext(profile: caseFieldProfile(), today: civil("2025-03-14"), createdOn: civil("2025-03-10"))
        #expect(caseFieldIssues(hiredOn("2025-03-05"), context).isEmpty)
    }

    @Test("HIRE-2 and HIRE-6: an existing employee's case runs no three-day clock")
    func test_HIRE2_existingEmployeeNoClock() {
        let contractor = caseFieldContext(profile: caseFieldProfile(federalContractor: true))
        let data = acceptedCaseFieldData(hiredOn("2025-01-06") {
            $0.offerAcceptedDate = civil("2024-12-01"); $0.existingEmployee = true; $0.federalContractID = "C-1"
        }, contractor)
        if let data {
            #expect(CaseRules.hireDueDate(for: data, profile: contractor.profile) == nil)
            #expect(CaseRules.lateReasonIssues(data: data, profile: contractor.profile, submittedOn: civil("2025-06-01")).isEmpty)
        }
    }

    @Test("HIRE-2 at submit: a draft submitted after its due date needs a late reason")
    func test_HIRE2_judgedAgainAtSubmit() {
        guard let draft = acceptedCaseFieldData(hiredOn("2025-03-10")) else { return }
        let profile = caseFieldProfile()
        #expect(CaseRules.hireDueDate(for: draft, profile: profile)?.date == civil("2025-03-13"))
        #expect(CaseRules.lateReasonIssues(data: draft, profile: profile, submittedOn: civil("2025-03-13")).isEmpty)
        let late = CaseRules.lateReasonIssues(data: draft, profile: profile, submittedOn: civil("2025-03-14"))
        #expect(late.map(\.code) == ["HIRE-2"])
        #expect(late.first?.field == "reason_for_delay_code")
        // An outage on Thursday moves the due date to Friday.
        #expect(CaseRules.lateReasonIssues(data: draft, profile: profile, submittedOn: civil("2025-03-14"),
                                           outages: [civil("2025-03-13")...civil("2025-03-13")]).isEmpty)
        var withReason = draft
        withReason.reasonForDelay = .technicalProblems
        #expect(CaseRules.lateReasonIssues(data: withReason, profile: profile, submittedOn: civil("2025-03-20")).isEmpty)
    }

    @Test("CASE-5 and CASE-8: duplicates")
    func test_CASE5_CASE8_duplicates() {
        guard let data = acceptedCaseFieldData(validCaseFieldInput()) else { return }
        let open = CaseRules.duplicateIssue(hasOpenDuplicate: true, hasRecentClosedDuplicate: true, data: data)
        #expect(open?.code == "CASE-8")
        #expect(open?.field == "ssn")
        let closed = CaseRules.duplicateIssue(hasOpenDuplicate: false, hasRecentClosedDuplicate: true, data: data)
        #expect(closed?.code == "CASE-5")
        #expect(closed?.field == "duplicate_continue_reason_code")
        #expect(CaseRules.duplicateIssue(hasOpenDuplicate: false, hasRecentClosedDuplicate: false, data: data) == nil)
        var continued = data
        continued.duplicateContinueReason = .rehire
        #expect(CaseRules.duplicateIssue(hasOpenDuplicate: false, hasRecentClosedDuplicate: true, data: continued) == nil)
        #expect(CaseRules.duplicateIssue(hasOpenDuplicate: true, hasRecentClosedDuplicate: false, data: continued)?.code == "CASE-8")
    }

    @Test("CASE-5: duplicate continue reason from the list; OTHER needs a description")
    func test_CASE5_continueReason() {
        #expect(acceptedCaseFieldData(caseFieldInput { $0.duplicateContinueReasonCode = "REHIRE" })?.duplicateContinueReason == .rehire)
        expectCaseFieldRefusal(caseFieldInput { $0.duplicateContinueReasonCode = "BECAUSE" }, [("duplicate_continue_reason_code", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.duplicateContinueReasonCode = "OTHER" }, [("duplicate_continue_reason_description", "REQUIRED")])
        expectCaseFieldRefusal(caseFieldInput { $0.duplicateContinueReasonDescription = String(repeating: "z", count: 201) },
                               [("duplicate_continue_reason_description", "OUT_OF_RANGE")])
        #expect(caseFieldIssues(caseFieldInput { $0.duplicateContinueReasonCode = "OTHER"; $0.duplicateContinueReasonDescription = "Name change" }).isEmpty)
    }
}
