import Testing
@testable import AgentCore

/// The contract-level FED rules at their edges: enrolled 89, 90 and 91 days before the
/// award; FED-3's choice; FED-2's base for a contractor enrolled because of the contract.
@Suite("FED rules of a federal contract")
struct FederalContractRulesTests {
    static let award = civil("2026-06-01")
    static func contract(scope: VerifyScope = .allNewHires) -> FederalContract {
        FederalContract(id: "c1", clientID: ClientID("client"), contractNumber: "GS-00F-1", awardDate: award, endDate: nil,
                        verifyScope: scope, createdAt: "", createdBy: nil)
    }
    static func due(_ name: String, enrolledDaysBefore days: Int?) -> CivilDate? {
        let profile = FederalContractorProfile(enrolledOn: days.map { award.adding(days: -$0) })
        return FederalContractRules.deadlines(contract(), profile: profile).first { $0.name == name }?.date
    }

    @Test("FED-1 enrolled 89 days before award: new hires from enrollment + 90, the day after the award")
    func test_FED1_enrolled89DaysBeforeAward() {
        #expect(Self.due("new_hire_verification_from", enrolledDaysBefore: 89) == civil("2026-06-02"))
        #expect(Self.due("enrollment_due", enrolledDaysBefore: 89) == nil)
    }

    @Test("FED-1 enrolled exactly 90 days before award: new hires at once (the award date)")
    func test_FED1_enrolled90DaysBeforeAward() {
        #expect(Self.due("new_hire_verification_from", enrolledDaysBefore: 90) == Self.award)
    }

    @Test("FED-1 enrolled 91 days before award: new hires at once")
    func test_FED1_enrolled91DaysBeforeAward() {
        #expect(Self.due("new_hire_verification_from", enrolledDaysBefore: 91) == Self.award)
    }

    @Test("FED-1 not enrolled at award: enrollment due award + 30, new hires 90 days after that")
    func test_FED1_notEnrolledAtAward() {
        #expect(Self.due("enrollment_due", enrolledDaysBefore: nil) == civil("2026-07-01"))
        #expect(Self.due("new_hire_verification_from", enrolledDaysBefore: nil) == civil("2026-09-29"))
        // Enrolled 10 days after the award: 90 days after that enrollment.
        #expect(Self.due("new_hire_verification_from", enrolledDaysBefore: -10) == civil("2026-09-09"))
    }

    @Test("FED-1 work items: FEDERAL_ENROLLMENT while not enrolled, gone once enrolled; CONTRACTOR_FLAG until flagged")
    func test_FED1_AGT4_contractItems() {
        let pending = FederalWorkItems.contractItems(Self.contract(), profile: FederalContractorProfile(), clientFlagged: false)
        #expect(pending.map(\.kind) == [.federalEnrollment, .contractorFlag])
        #expect(pending.map(\.dueDate) == [civil("2026-07-01"), civil("2026-07-01")])
        #expect(pending.map(\.rule) == ["FED-1", "AGT-4"])
        let enrolled = FederalWorkItems.contractItems(Self.contract(), profile: FederalContractorProfile(enrolledOn: civil("2026-06-05")),
                                                      clientFlagged: true)
        #expect(enrolled.isEmpty)
    }

    @Test("FED-2 base: the award when enrolled before it; the enrollment when enrolled after; award + 30 while pending")
    func test_FED2_baseAndEmployeeDueDate() {
        let c = Self.contract()
        let before = FederalContractorProfile(enrolledOn: civil("2026-01-01"))
        #expect(FederalContractRules.employeeDueDate(c, profile: before, assignedOn: Self.award) == civil("2026-08-30"))
        // Assigned late: 30 days after the assignment is later than award + 90.
        #expect(FederalContractRules.employeeDueDate(c, profile: before, assignedOn: civil("2026-08-15")) == civil("2026-09-14"))
        // Assigned on day 60: award + 90 (Aug 30) and assignment + 30 (Aug 30) meet.
        #expect(FederalContractRules.employeeDueDate(c, profile: before, assignedOn: civil("2026-07-31")) == civil("2026-08-30"))
        let after = FederalContractorProfile(enrolledOn: civil("2026-06-20"))
        #expect(FederalContractRules.employeeDueDate(c, profile: after, assignedOn: Self.award) == civil("2026-09-18"))
        #expect(FederalContractRules.employeeDueDate(c, profile: FederalContractorProfile(), assignedOn: Self.award) == civil("2026-09-29"))
    }

    @Test("FED-3 ASSIGNED_ONLY refused for a standard contractor, accepted for the three categories")
    func test_FED3_assignedOnlyByCategory() {
        let input = FederalContractInput(contractNumber: "GS-1", awardDate: Self.award, endDate: nil, verifyScope: .assignedOnly)
        #expect(throws: ValidationFailure.self) { try FederalContractRules.check(input, profile: FederalContractorProfile()) }
        do {
            try FederalContractRules.check(input, profile: FederalContractorProfile())
        } catch {
            #expect(error.issues.map(\.code) == ["FED-3"])
        }
        for category in [ContractorCategory.higherEducation, .stateLocalTribal, .surety] {
            #expect(throws: Never.self) { try FederalContractRules.check(input, profile: FederalContractorProfile(category: category)) }
        }
        let all = FederalContractInput(contractNumber: "GS-1", awardDate: Self.award, endDate: nil, verifyScope: .allNewHires)
        #expect(throws: Never.self) { try FederalContractRules.check(all, profile: FederalContractorProfile(category: .surety)) }
    }

    @Test("Dates in order: end_date before award_date is refused")
    func test_FED_endBeforeAwardRefused() {
        let input = FederalContractInput(contractNumber: "GS-1", awardDate: Self.award, endDate: civil("2026-05-31"), verifyScope: .allNewHires)
        #expect(throws: ValidationFailure.self) { try FederalContractRules.check(input, profile: FederalContractorProfile()) }
    }

    @Test("FED-4 and FED-5 deadlines; WORKFORCE_VERIFICATION until a case begins after the election")
    func test_FED4_FED5_deadlinesAndWorkforceItem() {
        let profile = FederalContractorProfile(enrolledOn: civil("2026-01-01"), workforceElectedOn: civil("2026-07-01"))
        let list = FederalContractRules.deadlines(Self.contract(), profile: profile)
        #expect(list.first { $0.name == "workforce_due" }?.date == civil("2026-12-28"))
        #expect(list.first { $0.name == "profile_update_due" } == Deadline(name: "profile_update_due", date: civil("2026-07-01"), rule: "FED-5"))
        #expect(FederalWorkItems.workforceItem(clientID: ClientID("c"), profile: profile, begunSinceElection: false)?.dueDate == civil("2026-12-28"))
        #expect(FederalWorkItems.workforceItem(clientID: ClientID("c"), profile: profile, begunSinceElection: true) == nil)
        #expect(FederalWorkItems.workforceItem(clientID: ClientID("c"), profile: FederalContractorProfile(), begunSinceElection: false) == nil)
    }

    @Test("ASSIGNED_ONLY contracts show no new-hire start date")
    func test_FED3_assignedOnlyHasNoNewHireDeadline() {
        let list = FederalContractRules.deadlines(Self.contract(scope: .assignedOnly), profile: FederalContractorProfile(category: .surety))
        #expect(!list.contains { $0.name == "new_hire_verification_from" })
    }

    @Test("HIRE-6: an existing employee with an open or authorized case is refused; a closed FNC is not")
    func test_HIRE6_existingEmployeeVerifiedOnce() {
        let open = DuplicateCandidate(caseNumber: "A", status: .referred, createdOn: Self.award)
        let authorized = DuplicateCandidate(caseNumber: "B", status: .closed, createdOn: civil("2020-01-01"), eligibility: .employmentAuthorized)
        let fnc = DuplicateCandidate(caseNumber: "C", status: .closed, createdOn: civil("2020-01-01"), eligibility: .finalNonconfirmation)
        guard case .openDuplicate(_, let issue)? = CaseAdmission.existingEmployeeVerdict([open]) else { Issue.record("open"); return }
        #expect(issue.code == "HIRE-6")
        guard case .openDuplicate(let earlier, _)? = CaseAdmission.existingEmployeeVerdict([fnc, authorized]) else { Issue.record("EA"); return }
        #expect(earlier.caseNumber == "B")
        #expect(CaseAdmission.existingEmployeeVerdict([fnc]) == nil)
    }
}
