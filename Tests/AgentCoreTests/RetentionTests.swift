import Testing
@testable import AgentCore

@Suite("Retention, purge and legal hold (RET-1..3)")
struct RetentionTests {
    @Test("RET-1 the later of hire + 3 years and termination + 1 year")
    func test_RET1_laterOfHireAndTermination() {
        // Left early: three years after the hire is later.
        #expect(Retention.until(dateOfHire: civil("2020-03-10"), terminatedOn: civil("2020-09-01")) == civil("2023-03-10"))
        // Stayed long: one year after the end is later.
        #expect(Retention.until(dateOfHire: civil("2020-03-10"), terminatedOn: civil("2024-06-30")) == civil("2025-06-30"))
        // Exactly equal: either.
        #expect(Retention.until(dateOfHire: civil("2020-03-10"), terminatedOn: civil("2022-03-10")) == civil("2023-03-10"))
    }

    @Test("RET-1 without a termination date there is no retention date")
    func test_RET1_noTerminationNoDate() {
        #expect(Retention.until(dateOfHire: civil("2020-03-10"), terminatedOn: nil) == nil)
        var p = CaseProgress(createdOn: civil("2020-03-10"))
        Retention.apply(terminatedOn: nil, caseDateOfHire: civil("2020-03-10"), rosterDateOfHire: civil("2020-03-01"), to: &p)
        #expect(p.retentionUntil == nil && !Retention.isDue(p, today: civil("2099-01-01")))
    }

    @Test("RET-1 a 29 February that the later year lacks becomes 1 March, never 28 February")
    func test_RET1_leapDays() {
        #expect(Retention.adding(years: 3, to: civil("2024-02-29")) == civil("2027-03-01"))
        #expect(Retention.adding(years: 4, to: civil("2024-02-29")) == civil("2028-02-29"))
        #expect(Retention.adding(years: 1, to: civil("2028-02-29")) == civil("2029-03-01"))
        #expect(Retention.adding(years: 3, to: civil("2023-02-28")) == civil("2026-02-28"))
        #expect(Retention.until(dateOfHire: civil("2024-02-29"), terminatedOn: civil("2024-05-01")) == civil("2027-03-01"))
        #expect(Retention.until(dateOfHire: civil("2020-01-02"), terminatedOn: civil("2028-02-29")) == civil("2029-03-01"))
    }

    @Test("RET-1 the case's own date of hire counts; the roster's stands in")
    func test_RET1_caseDateOfHireFirst() {
        var p = CaseProgress(createdOn: civil("2020-03-10"))
        Retention.apply(terminatedOn: civil("2020-04-01"), caseDateOfHire: civil("2020-03-10"), rosterDateOfHire: civil("2020-01-01"), to: &p)
        #expect(p.retentionUntil == civil("2023-03-10") && p.terminatedOn == civil("2020-04-01"))
        Retention.apply(terminatedOn: civil("2020-04-01"), caseDateOfHire: nil, rosterDateOfHire: civil("2020-01-01"), to: &p)
        #expect(p.retentionUntil == civil("2023-01-01"))
    }

    @Test("RET-2 due the day after the retention date; RET-3 a hold stops it; a purged case is never due again")
    func test_RET2_dueAfterDateUnlessHeldOrPurged() {
        var p = CaseProgress(createdOn: civil("2020-03-10"))
        p.retentionUntil = civil("2023-03-10")
        #expect(!Retention.isDue(p, today: civil("2023-03-10")))
        #expect(Retention.isDue(p, today: civil("2023-03-11")))
        p.legalHold = LegalHold(reason: "Litigation 24-cv-1", since: civil("2023-01-01"), setBy: "u1")
        #expect(!Retention.isDue(p, today: civil("2030-01-01")))
        p.legalHold = nil
        p.purge = CasePurge(at: "2023-03-11T00:00:00.000Z", on: civil("2023-03-11"))
        #expect(!Retention.isDue(p, today: civil("2030-01-01")))
    }

    @Test("RET-2 a purge keeps the hire and Form I-9 dates and deletes every name, number and free text")
    func test_RET2_purgeKeepsOnlyDates() {
        var input = CaseInput()
        input.firstName = "Avery"
        input.lastName = "Quickpass"
        input.ssn = "151-20-1001"
        input.dateOfBirth = civil("1990-02-14")
        input.alienNumber = "A123456789"
        input.documentBCNumber = "D1234567"
        input.employeeEmailAddress = "a@example.com"
        input.employerCaseID = "HR-1"
        input.dateOfHire = civil("2020-03-10")
        input.i9Section2Date = civil("2020-03-10")
        let (kept, deleted) = CasePurgeRules.purged(input)
        #expect(kept.presentFieldNames == ["date_of_hire", "i9_section2_date"])
        #expect(Set(deleted) == ["first_name", "last_name", "ssn", "date_of_birth", "alien_number", "document_bc_number",
                                 "employee_email_address", "employer_case_id"])
    }

    @Test("RET-2 a purged case takes no action, whatever its status (409, rule RET-2)")
    func test_RET2_purgedCaseRefusesEveryAction() {
        var p = CaseProgress(createdOn: civil("2020-03-10"))
        p.status = .pendingReferral
        p.purge = CasePurge(at: "2023-03-11T00:00:00.000Z", on: civil("2023-03-11"))
        #expect(CaseWorkflow.nextActions(p).isEmpty)
        for action in CaseAction.allCases {
            #expect(throws: CaseStateConflict.self) { try CaseWorkflow.check(action, p) }
            do { try CaseWorkflow.check(action, p) } catch { #expect(error.rule == "RET-2") }
        }
        let c = workQueueCase(status: .draft) { $0.purge = CasePurge(at: "x", on: civil("2024-07-03")) }
        #expect(CaseWorkItems.items(for: c, context: workQueueContext()).isEmpty)
    }

    @Test("RET-3 a hold still in place a year on is shown for review from that day")
    func test_RET3_holdReviewAfterAYear() throws {
        let held = workQueueCase(status: .closed) { $0.legalHold = LegalHold(reason: "Audit", since: civil("2024-07-10"), setBy: "u1") }
        let item = try #require(LegalHoldReview.item(for: held, context: workQueueContext()))
        #expect(item.kind == .legalHoldReview && item.rule == "RET-3")
        #expect(item.dueDate == civil("2025-07-10") && item.visibleFrom == civil("2025-07-10"))
        #expect(item.action == "PATCH /api/v1/cases/2024185000001AB")
        #expect(LegalHoldReview.item(for: workQueueCase(status: .closed), context: workQueueContext()) == nil)
    }
}
