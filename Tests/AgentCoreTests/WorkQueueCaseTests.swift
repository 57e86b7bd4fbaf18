import Testing
@testable import AgentCore

/// A case as stored, for the work-queue rules: hired on `hired`, in `status`.
func workQueueCase(hired: String = "2024-07-03", created: String = "2024-07-03", status: CaseStatus = .draft,
                   _ change: (inout CaseProgress) -> Void = { _ in }) -> StoredCase {
    var input = CaseInput()
    input.dateOfHire = civil(hired)
    var progress = CaseProgress(createdOn: civil(created))
    progress.status = status
    change(&progress)
    return StoredCase(caseNumber: "2024185000001AB", clientID: ClientID("client-1"), createdBy: UserID("user-1"), input: input,
                      progress: progress, createdAt: created + "T12:00:00.000Z", updatedAt: created + "T12:00:00.000Z")
}

func workQueueContext(closed: Set<CivilDate> = [], outages: [ClosedRange<CivilDate>] = [], review: Bool = false) -> CaseWorkContext {
    CaseWorkContext(employer: EmployerCalendar(closedDates: closed), federal: FederalCalendar(), outages: outages, reviewRequired: review)
}

@Suite("Work queue: the items a case raises")
struct WorkQueueCaseTests {
    func kinds(_ c: StoredCase, _ context: CaseWorkContext = workQueueContext()) -> [WorkItemKind] {
        CaseWorkItems.items(for: c, context: context).map(\.kind)
    }

    @Test("HIRE-2 a draft is due on the third employer business day; July 4th counts for the employer")
    func test_HIRE2_draftDueCountsFederalHolidayAsBusinessDay() throws {
        let item = try #require(DraftNotSubmitted.item(for: workQueueCase(), context: workQueueContext()))
        #expect(item.dueDate == civil("2024-07-08"))
        #expect(item.rule == "HIRE-2" && item.subject == WorkSubject(.case, "2024185000001AB"))
        #expect(item.action == "POST /api/v1/cases/2024185000001AB/submit")
        #expect(item.visibleFrom == nil && item.clock == .service)
    }

    @Test("HIRE-2 a closure the client lists and an outage both move the draft's due date")
    func test_HIRE2_draftDueMovesWithClosureAndOutage() {
        let closed = workQueueContext(closed: [civil("2024-07-04")])
        #expect(DraftNotSubmitted.item(for: workQueueCase(), context: closed)?.dueDate == civil("2024-07-09"))
        let outage = workQueueContext(outages: [civil("2024-07-05")...civil("2024-07-05")])
        #expect(DraftNotSubmitted.item(for: workQueueCase(), context: outage)?.dueDate == civil("2024-07-09"))
    }

    @Test("HIRE-2 a hire on a Friday before Thanksgiving week skips the weekend")
    func test_HIRE2_fridayHireSkipsWeekend() {
        #expect(DraftNotSubmitted.item(for: workQueueCase(hired: "2024-11-22"), context: workQueueContext())?.dueDate == civil("2024-11-27"))
    }

    @Test("HIRE-2 an existing employee's draft has no three-day clock and is due from its creation")
    func test_HIRE2_existingEmployeeDueAtCreation() {
        var c = workQueueCase(created: "2024-07-10")
        c.input.existingEmployee = true
        #expect(DraftNotSubmitted.item(for: c, context: workQueueContext())?.dueDate == civil("2024-07-10"))
    }

    @Test("IMG-3 a review is pending until a second user approves; a rejection keeps it pending")
    func test_IMG3_reviewPendingUntilApproved() {
        let review = workQueueContext(review: true)
        #expect(kinds(workQueueCase(), review) == [.draftNotSubmitted, .reviewPending, .draftAutoClose])
        #expect(ReviewPending.item(for: workQueueCase(), context: review)?.dueDate == civil("2024-07-08"))
        let rejected = workQueueCase { $0.review = CaseReview(decision: .reject, reviewerID: "u2", note: nil, at: "") }
        #expect(ReviewPending.item(for: rejected, context: review) != nil)
        let approved = workQueueCase { $0.review = CaseReview(decision: .approve, reviewerID: "u2", note: nil, at: "") }
        #expect(ReviewPending.item(for: approved, context: review) == nil)
        #expect(ReviewPending.item(for: workQueueCase(), context: workQueueContext()) == nil)
    }

    @Test("CASE-7 the auto-close warning shows from the 170th federal work day; due on the 180th")
    func test_CASE7_autoCloseWarningWindow() throws {
        let item = try #require(DraftAutoClose.item(for: workQueueCase(hired: "2024-03-13", created: "2024-03-15"), context: workQueueContext()))
        #expect(item.dueDate == civil("2024-12-03"))
        #expect(item.visibleFrom == civil("2024-11-18"))
    }

    @Test("TNC-10 the decision is due on the 10th federal work day, across Thanksgiving")
    func test_TNC10_decisionDueAcrossThanksgiving() throws {
        let c = workQueueCase(status: .pendingReferral) { $0.mismatchOn = civil("2024-11-22") }
        let item = try #require(TNCDecision.item(for: c, context: workQueueContext()))
        #expect(item.dueDate == civil("2024-12-09") && item.rule == "TNC-10")
        #expect(kinds(c) == [.tncDecision])
    }

    @Test("TNC-4 an open referral is due on its contact-by date and settles on contact")
    func test_TNC4_referralOpenUntilContact() {
        var c = workQueueCase(status: .referred) {
            $0.contactBy = civil("2022-01-05")
            $0.ssaReferral = .referred
        }
        #expect(ReferralOpen.item(for: c, context: workQueueContext())?.dueDate == civil("2022-01-05"))
        CaseWorkflow.employeeContacted(&c.progress)
        #expect(kinds(c).isEmpty)
    }

    @Test("CASE-6 a final nonconfirmation on the Friday before Veterans Day is to be closed on Tuesday")
    func test_CASE6_closeDueSkipsVeteransDay() {
        var c = workQueueCase(status: .referred)
        CaseWorkflow.apply(.finalNonconfirmation, on: civil("2024-11-08"), to: &c.progress)
        #expect(CaseToClose.item(for: c, context: workQueueContext())?.dueDate == civil("2024-11-12"))
        #expect(kinds(c) == [.caseToClose])
    }

    @Test("CASE-6 close-and-resubmit arriving on a Saturday before Memorial Day is due Tuesday")
    func test_CASE6_resubmitOnWeekendBeforeMemorialDay() {
        var c = workQueueCase(status: .queued)
        CaseWorkflow.apply(.closeCaseAndResubmit, on: civil("2024-05-25"), to: &c.progress)
        #expect(CaseToClose.item(for: c, context: workQueueContext())?.dueDate == civil("2024-05-28"))
    }

    @Test("CASE-6 an uncontested mismatch (NO_ACTION_FNC) is to be closed the next work day")
    func test_CASE6_noActionToClose() {
        var c = workQueueCase(status: .pendingReferral) { $0.mismatchOn = civil("2024-12-20") }
        CaseWorkflow.noAction(&c.progress, on: civil("2024-12-24"))
        #expect(CaseToClose.item(for: c, context: workQueueContext())?.dueDate == civil("2024-12-26"))
        try? CaseWorkflow.close(CaseClosure(reason: .terminatedForFNC, currentlyEmployed: false, otherReasonDescription: nil,
                                            currentlyEmployedReasonDescription: nil, closedOn: civil("2024-12-26")), &c.progress)
        #expect(kinds(c).isEmpty)
    }

    @Test("CASE-9 the continuance flag shows from the 61st federal work day, after Memorial Day")
    func test_CASE9_flagAfterSixtyWorkDays() throws {
        let c = workQueueCase(status: .caseInContinuance) { $0.continuanceSince = civil("2024-03-01") }
        let item = try #require(ContinuanceOver60.item(for: c, context: workQueueContext()))
        #expect(item.dueDate == civil("2024-05-28") && item.visibleFrom == civil("2024-05-28"))
        #expect(!item.isOverdue(serviceToday: civil("2024-05-28"), realToday: civil("2030-01-01")))
        #expect(item.isOverdue(serviceToday: civil("2024-05-29"), realToday: civil("2000-01-01")))
    }

    @Test("CASE-6 an Employment Authorized case closes itself and raises nothing")
    func test_CASE6_employmentAuthorizedRaisesNothing() {
        var c = workQueueCase(status: .queued)
        CaseWorkflow.apply(.employmentAuthorized, on: civil("2024-07-05"), to: &c.progress)
        #expect(kinds(c).isEmpty)
    }
}
