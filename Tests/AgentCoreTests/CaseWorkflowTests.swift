import Testing
@testable import AgentCore

@Suite struct CaseWorkflowTests {
    static let day = CivilDate(iso: "2026-11-16") ?? .referenceDate

    static func progress(_ status: CaseStatus, fan: Bool = false) -> CaseProgress {
        var p = CaseProgress(createdOn: day)
        p.status = status
        if fan { p.downloads = [NoticeDownload(notice: "further_action_notice", userID: "u", at: "t", language: "en")] }
        return p
    }

    @Test("every action a status does not list is refused with the status and the allowed actions")
    func illegalActionsAreRefused() {
        for status in CaseStatus.allCases {
            for fan in [false, true] {
                let p = Self.progress(status, fan: fan)
                let allowed = CaseWorkflow.nextActions(p)
                for action in CaseAction.allCases {
                    do {
                        try CaseWorkflow.check(action, p)
                        #expect(allowed.contains(action), "\(action) allowed in \(status)")
                    } catch {
                        #expect(!allowed.contains(action))
                        #expect(error.status == status)
                        #expect(error.allowed == allowed)
                    }
                }
            }
        }
    }

    @Test("a closed case says it is closed, not that it waits for the government side")
    func closedCaseSaysSo() {
        do {
            try CaseWorkflow.check(.submit, Self.progress(.closed))
            Issue.record("a closed case took submit")
        } catch {
            #expect(error.message.contains("the case is closed"))
            #expect(!error.message.contains("government side"))
        }
    }

    @Test("CASE-10: refer and no_action wait for the Further Action Notice")
    func test_CASE10_fanBeforeDecision() {
        let before = Self.progress(.pendingReferral)
        #expect(throws: CaseStateConflict.self) { try CaseWorkflow.check(.refer, before) }
        do {
            try CaseWorkflow.check(.noAction, before)
        } catch {
            #expect(error.rule == "CASE-10")
        }
        let after = Self.progress(.pendingReferral, fan: true)
        #expect(CaseWorkflow.nextActions(after).contains(.refer))
        #expect(CaseWorkflow.nextActions(after).contains(.noAction))
    }

    @Test("CASE-6: Employment Authorized closes itself with the standard reason")
    func test_CASE6_eaClosesItself() {
        var p = Self.progress(.queued)
        CaseWorkflow.apply(.employmentAuthorized, on: Self.day, to: &p)
        #expect(p.status == .closed)
        #expect(p.eligibility == .employmentAuthorized)
        #expect(p.closure?.reason == .continuesAfterEA)
        #expect(CaseWorkflow.nextActions(p).isEmpty)
    }

    @Test("TNC-1, TNC-3, TNC-4: a dual mismatch is referred to both agencies with a contact-by date")
    func test_TNC_dualReferral() {
        var p = Self.progress(.queued)
        CaseWorkflow.apply(.tentativeNonconfirmation(.dual), on: Self.day, to: &p)
        #expect(p.status == .pendingReferral)
        #expect(p.ssaReferral == .pendingReferral && p.dhsReferral == .pendingReferral)
        #expect(p.mismatchOn == Self.day)
        let contactBy = FederalCalendar().addingFederalWorkDays(8, to: Self.day)
        CaseWorkflow.refer(ReferralReceipt(referredOn: Self.day, contactBy: contactBy), &p)
        #expect(p.status == .referred)
        #expect(p.ssaReferral == .referred && p.dhsReferral == .referred)
        CaseWorkflow.employeeContacted(&p)
        #expect(p.ssaReferral == .contacted)
        CaseWorkflow.apply(.employmentAuthorized, on: contactBy, to: &p)
        #expect(p.ssaReferral == .resolved && p.dhsReferral == .resolved)
        #expect(p.status == .closed)
    }

    @Test("TNC-9: after a final nonconfirmation the closure reason records whether the employee stays")
    func test_TNC9_closureAfterFNC() throws {
        var p = Self.progress(.pendingReferral, fan: true)
        p.mismatch = .ssa
        CaseWorkflow.noAction(&p)
        #expect(p.status == .finalNonconfirmation)
        #expect(p.eligibility == .noActionFNC)
        #expect(CaseWorkflow.closureReasons(p, currentlyEmployed: true) == [.continuesAfterFNC])
        #expect(CaseWorkflow.closureReasons(p, currentlyEmployed: false) == [.terminatedForFNC, .quit])
        var staying = p
        #expect(throws: ValidationFailure.self) {
            try CaseWorkflow.close(CaseClosure(reason: .continuesAfterFNC, currentlyEmployed: true, otherReasonDescription: nil,
                                               currentlyEmployedReasonDescription: nil, closedOn: Self.day), &staying)
        }
        try CaseWorkflow.close(CaseClosure(reason: .continuesAfterFNC, currentlyEmployed: true, otherReasonDescription: nil,
                                           currentlyEmployedReasonDescription: "independent proof of authorization", closedOn: Self.day), &staying)
        #expect(staying.status == .closed)
        var mismatched = p
        #expect(throws: ValidationFailure.self) {
            try CaseWorkflow.close(CaseClosure(reason: .terminatedForFNC, currentlyEmployed: true, otherReasonDescription: nil,
                                               currentlyEmployedReasonDescription: nil, closedOn: Self.day), &mismatched)
        }
    }

    @Test("OTHER needs a description; a still-employed person cannot have quit")
    func closureChecks() {
        var draft = Self.progress(.draft)
        #expect(throws: ValidationFailure.self) {
            try CaseWorkflow.close(CaseClosure(reason: .other, currentlyEmployed: nil, otherReasonDescription: "",
                                               currentlyEmployedReasonDescription: nil, closedOn: Self.day), &draft)
        }
        #expect(!CaseWorkflow.closureReasons(draft, currentlyEmployed: true).contains(.quit))
        #expect(CaseWorkflow.closureReasons(draft, currentlyEmployed: false).contains(.quit))
        #expect(CaseWorkflow.closureReasons(Self.progress(.manualReview), currentlyEmployed: nil).isEmpty)
    }

    @Test("deadlines follow the status: TNC-10 while pending referral, TNC-4 once referred, CASE-7 for drafts, CASE-9 in continuance")
    func deadlinesFollowTheStatus() {
        let hire = CivilDate(iso: "2026-11-12") ?? .referenceDate
        func names(_ p: CaseProgress) -> [String] {
            CaseDeadlines.of(p, dateOfHire: hire, existingEmployee: false, employer: EmployerCalendar(), federal: FederalCalendar(),
                             outages: []).map(\.name)
        }
        #expect(names(Self.progress(.draft)) == ["hire_due_date", "draft_auto_close_date"])
        var pending = Self.progress(.pendingReferral)
        pending.mismatchOn = Self.day
        #expect(names(pending) == ["hire_due_date", "tnc_decision_due_date"])
        var referred = Self.progress(.referred)
        referred.contactBy = Self.day
        #expect(names(referred) == ["hire_due_date", "referral_contact_by_date"])
        var continuance = Self.progress(.caseInContinuance)
        continuance.continuanceSince = Self.day
        #expect(names(continuance) == ["hire_due_date", "continuance_flag_date"])
    }

    @Test("IMG-3: with secondary review required, a draft is reviewed before it can be submitted")
    func test_IMG3_reviewBeforeSubmit() {
        var draft = Self.progress(.draft)
        #expect(CaseWorkflow.nextActions(draft) == [.submit, .close])
        #expect(CaseWorkflow.nextActions(draft, reviewRequired: true) == [.review, .close])
        do {
            try CaseWorkflow.check(.submit, draft, reviewRequired: true)
            Issue.record("submitted without review")
        } catch {
            #expect(error.rule == "IMG-3")
        }
        draft.review = CaseReview(decision: .reject, reviewerID: "r", note: nil, at: "t")
        #expect(CaseWorkflow.nextActions(draft, reviewRequired: true) == [.review, .close])
        draft.review = CaseReview(decision: .approve, reviewerID: "r", note: nil, at: "t")
        #expect(CaseWorkflow.nextActions(draft, reviewRequired: true) == [.submit, .close])
        #expect(throws: CaseStateConflict.self) { try CaseWorkflow.check(.review, Self.progress(.queued), reviewRequired: true) }
    }
}

/// AGT-6: which changes of a case are events for the client's systems.
@Suite struct CaseEventKindTests {
    @Test func test_AGT6_creationStatusChangesAndClosingAreEvents() {
        #expect(CaseEventKind.raised(from: nil, to: .draft) == [.created])
        #expect(CaseEventKind.raised(from: .draft, to: .draft) == [])
        #expect(CaseEventKind.raised(from: .draft, to: .pendingReferral) == [.statusChanged])
        #expect(CaseEventKind.raised(from: .draft, to: .closed) == [.statusChanged, .closed])
        #expect(CaseEventKind.raised(from: .closed, to: .closed) == [])
    }
}
