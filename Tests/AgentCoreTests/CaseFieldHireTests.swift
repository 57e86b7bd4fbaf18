import Testing
@testable import AgentCore

/// Dates of a hire: first day, offer accepted, Sections 1 and 2.
private func hireDates(_ hire: String, offer: String = "2025-02-20", section1: String = "2025-03-10",
                       section2: String = "2025-03-11", _ change: (inout CaseInput) -> Void = { _ in }) -> CaseInput {
    caseFieldInput {
        $0.dateOfHire = civil(hire); $0.offerAcceptedDate = civil(offer)
        $0.i9Section1Date = civil(section1); $0.i9Section2Date = civil(section2)
        change(&$0)
    }
}

/// An existing employee of a federal contractor (HIRE-6), first day `hire`.
private func existingEmployee(_ hire: String, workState: String? = nil) -> CaseInput {
    hireDates(hire, offer: "1980-01-01") {
        $0.existingEmployee = true; $0.federalContractID = "W91ZLK-25-C-0001"; $0.workState = workState
        $0.dateOfBirth = civil("1960-01-01")
    }
}

@Suite struct CaseFieldHireTests {
    @Test("HIRE-1: offer and Form I-9 dates are required")
    func test_HIRE1_datesRequired() {
        expectCaseFieldRefusal(caseFieldInput { $0.offerAcceptedDate = nil; $0.i9Section1Date = nil; $0.i9Section2Date = nil },
                               [("offer_accepted_date", "HIRE-1"), ("i9_section1_date", "HIRE-1"), ("i9_section2_date", "HIRE-1")])
    }

    @Test("HIRE-1: no offer or Form I-9 date after today")
    func test_HIRE1_noFutureDates() {
        expectCaseFieldRefusal(hireDates("2025-03-10", section2: "2025-03-13"), [("i9_section2_date", "HIRE-1")])
        expectCaseFieldRefusal(hireDates("2025-03-20", offer: "2025-03-13", section1: "2025-03-14", section2: "2025-03-15"),
                               [("offer_accepted_date", "HIRE-1"), ("i9_section1_date", "HIRE-1"), ("i9_section2_date", "HIRE-1")])
        #expect(caseFieldIssues(hireDates("2025-03-10", offer: "2025-03-12", section1: "2025-03-12", section2: "2025-03-12") {
            $0.dateOfHire = civil("2025-03-12")
        }).isEmpty)
    }

    @Test("HIRE-1: the impossible orders are refused (offer after Section 1, 2 or the first day; Section 2 before 1)")
    func test_HIRE1_order() {
        expectCaseFieldRefusal(hireDates("2025-03-10", offer: "2025-03-11"),
                               [("i9_section1_date", "HIRE-1"), ("offer_accepted_date", "HIRE-1")])
        expectCaseFieldRefusal(hireDates("2025-03-12", offer: "2025-03-12", section1: "2025-03-12", section2: "2025-03-11"),
                               [("i9_section2_date", "HIRE-1")])
        expectCaseFieldRefusal(hireDates("2025-03-07", offer: "2025-03-08"), [("offer_accepted_date", "HIRE-1")])
        expectCaseFieldRefusal(hireDates("2025-03-10", section1: "2025-03-12", section2: "2025-03-11"), [("i9_section2_date", "HIRE-1")])
    }

    @Test("HIRE-1: late Form I-9 entries are not impossibilities and pass")
    func test_HIRE1_lateSectionsPass() {
        // Section 1 after the first day, Section 2 well after the third business day.
        #expect(caseFieldIssues(hireDates("2025-03-10", section1: "2025-03-11", section2: "2025-03-12")).isEmpty)
    }

    @Test("date_of_hire: required; may be ahead of today (I-9 done before the start) but not over a year")
    func test_dateOfHire() {
        expectCaseFieldRefusal(caseFieldInput { $0.dateOfHire = nil }, [("date_of_hire", "REQUIRED")])
        let future = acceptedCaseFieldData(hireDates("2025-03-20"))
        #expect(future?.dateOfHire == civil("2025-03-20"))
        #expect(caseFieldIssues(hireDates("2026-03-12")).isEmpty)
        expectCaseFieldRefusal(hireDates("2026-03-13"), [("date_of_hire", "OUT_OF_RANGE")])
    }

    @Test("HIRE-3: no case for a hire before the client's MOU date")
    func test_HIRE3_beforeMOU() {
        expectCaseFieldRefusal(hireDates("2019-12-31", offer: "2019-12-01"), [("date_of_hire", "HIRE-3")])
        #expect(caseFieldIssues(hireDates("2020-01-01", offer: "2019-12-01") { $0.reasonForDelayCode = "AUDIT_REVEALED_NEW_HIRE_WAS_NOT_RUN" }).isEmpty)
    }

    @Test("HIRE-3: a federal contractor's existing employee hired before the MOU is allowed")
    func test_HIRE3_federalContractorException() {
        let contractor = caseFieldContext(profile: caseFieldProfile(federalContractor: true))
        #expect(acceptedCaseFieldData(existingEmployee("2015-06-01"), contractor)?.existingEmployee == true)
        // A contractor's new hire before the MOU has no exception.
        expectCaseFieldRefusal(hireDates("2019-12-31", offer: "2019-12-01"), contractor, [("date_of_hire", "HIRE-3")])
    }

    @Test("HIRE-4: no case for a first day on or before 1986-11-06 (2009-11-27 in the Northern Mariana Islands)")
    func test_HIRE4_oldHires() {
        let contractor = caseFieldContext(profile: caseFieldProfile(federalContractor: true))
        expectCaseFieldRefusal(existingEmployee("1986-11-06"), contractor, [("date_of_hire", "HIRE-4")])
        #expect(caseFieldIssues(existingEmployee("1986-11-07"), contractor).isEmpty)
        expectCaseFieldRefusal(existingEmployee("2009-11-27", workState: "mp"), contractor, [("date_of_hire", "HIRE-4")])
        #expect(caseFieldIssues(existingEmployee("2009-11-28", workState: "MP"), contractor).isEmpty)
        #expect(caseFieldIssues(existingEmployee("2009-11-27", workState: "GU"), contractor).isEmpty)
        // A new hire that old is refused for the MOU date as well: both are reported.
        expectCaseFieldRefusal(hireDates("1986-11-06", offer: "1986-11-01") { $0.dateOfBirth = civil("1960-01-01") },
                               [("date_of_hire", "HIRE-4"), ("date_of_hire", "HIRE-3")])
    }

    @Test("work_state: optional, a real state or territory code")
    func test_workState() {
        expectCaseFieldRefusal(caseFieldInput { $0.workState = "XX" }, [("work_state", "INVALID_VALUE")])
        expectCaseFieldRefusal(caseFieldInput { $0.workState = "Texas" }, [("work_state", "INVALID_VALUE")])
        for code in ["DC", "PR", "GU", "VI", "AS", "MP"] {
            #expect(caseFieldIssues(caseFieldInput { $0.workState = code }).isEmpty, "\(code)")
        }
    }

    @Test("HIRE-6: existing employees only for federal contractors, with the contract named")
    func test_HIRE6_existingEmployees() {
        expectCaseFieldRefusal(existingEmployee("2024-06-03"), [("existing_employee", "HIRE-6")])
        let contractor = caseFieldContext(profile: caseFieldProfile(federalContractor: true))
        var noContract = existingEmployee("2024-06-03")
        noContract.federalContractID = nil
        expectCaseFieldRefusal(noContract, contractor, [("federal_contract_id", "HIRE-6")])
        #expect(acceptedCaseFieldData(caseFieldInput { $0.existingEmployee = false })?.existingEmployee == false)
        // A contract ID on a new hire is fine (a new hire on a covered contract).
        #expect(caseFieldIssues(caseFieldInput { $0.federalContractID = "GS-35F-0001X" }).isEmpty)
    }
}
