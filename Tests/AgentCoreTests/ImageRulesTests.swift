import Testing
@testable import AgentCore

@Suite("IMAGE rules")
struct ImageRulesTests {
    static func settings(_ change: (inout ImageSettingsInput) -> Void, base: ImageSettings = ImageSettings()) throws -> ImageSettings {
        var input = ImageSettingsInput()
        change(&input)
        return try ImageRules.apply(input, to: base, newToken: "token-1")
    }

    @Test("IMG-COMPLIANCE-OFFICER: a member with 50 or more employees names an officer; 49 need none")
    func test_IMGCOMPLIANCEOFFICER_threshold() throws {
        #expect(throws: Never.self) { try Self.settings { $0.member = true; $0.employeeCount = .some(49) } }
        do {
            _ = try Self.settings { $0.member = true; $0.employeeCount = .some(50) }
            Issue.record("50 employees without an officer was accepted")
        } catch {
            #expect((error as? ValidationFailure)?.issues.map(\.code) == ["IMG-COMPLIANCE-OFFICER"])
        }
        #expect(throws: Never.self) { try Self.settings { $0.member = true; $0.employeeCount = .some(50); $0.complianceOfficer = .some(UserID("u")) } }
        // Not a member: no officer needed, whatever the size.
        #expect(throws: Never.self) { try Self.settings { $0.employeeCount = .some(500) } }
    }

    @Test("IMG-7: enabling the tip line gives a token, which stays until rotated")
    func test_IMG7_tipToken() throws {
        let on = try Self.settings { $0.tipLineEnabled = true }
        #expect(on.tipToken == "token-1")
        let again = try ImageRules.apply({ var i = ImageSettingsInput(); i.tipLineEnabled = true; return i }(), to: ImageSettings(tipLineEnabled: true, tipToken: "old"), newToken: "new")
        #expect(again.tipToken == "old")
        let rotated = try ImageRules.apply({ var i = ImageSettingsInput(); i.rotateTipToken = true; return i }(), to: ImageSettings(tipLineEnabled: true, tipToken: "old"), newToken: "new")
        #expect(rotated.tipToken == "new")
    }

    @Test("IMG-4: the next audit is due the interval later (month ends clamp); associates may defer to two years")
    func test_IMG4_nextAuditDue() {
        #expect(ImageRules.nextAuditDue(lastAudit: civil("2026-08-31"), settings: ImageSettings(auditIntervalMonths: 6)) == civil("2027-02-28"))
        #expect(ImageRules.nextAuditDue(lastAudit: civil("2027-08-31"), settings: ImageSettings(auditIntervalMonths: 6)) == civil("2028-02-29"))
        #expect(ImageRules.nextAuditDue(lastAudit: civil("2026-03-02"), settings: ImageSettings()) == civil("2027-03-02"))
        #expect(ImageRules.nextAuditDue(lastAudit: civil("2026-03-02"), settings: ImageSettings(associate: true)) == civil("2028-03-02"))
    }

    @Test("IMG-7: an unanswered tip is due 10 federal work days after it arrived")
    func test_IMG7_tipDue() {
        // Monday 2026-11-16; Thanksgiving (Nov 26) is not a work day.
        let tip = Tip(id: "t", clientID: ClientID("c"), message: "m", contact: nil, receivedAt: "", receivedOn: civil("2026-11-16"))
        #expect(ImageWorkItems.tipUnanswered(tip, federal: FederalCalendar())?.dueDate == civil("2026-12-01"))
        var answered = tip
        answered.reply = "r"
        #expect(ImageWorkItems.tipUnanswered(answered, federal: FederalCalendar()) == nil)
    }

    @Test("IMG-10: counts by result and citizenship of the year's cases only, and discharges after a final nonconfirmation")
    func test_IMG10_counts() {
        func stored(_ created: String, _ status: CaseStatus, _ eligibility: EligibilityStatement?, _ citizenship: String, terminated: Bool = false) -> StoredCase {
            var progress = CaseProgress(createdOn: civil(created))
            progress.status = status
            progress.eligibility = eligibility
            if terminated { progress.closure = CaseClosure(reason: .terminatedForFNC, currentlyEmployed: false, otherReasonDescription: nil, currentlyEmployedReasonDescription: nil, closedOn: civil(created)) }
            var input = CaseInput()
            input.citizenshipStatusCode = citizenship
            return StoredCase(caseNumber: created, clientID: ClientID("c"), createdBy: UserID("u"), input: input, progress: progress, createdAt: "", updatedAt: "")
        }
        let counts = ImageAnnualCounts(year: 2026, cases: [
            stored("2026-01-05", .closed, .employmentAuthorized, "US_CITIZEN"),
            stored("2026-12-31", .closed, .noActionFNC, "ALIEN_AUTHORIZED_TO_WORK", terminated: true),
            stored("2026-06-01", .referred, nil, "LAWFUL_PERMANENT_RESIDENT"),
            stored("2025-12-31", .closed, .employmentAuthorized, "US_CITIZEN"),
        ])
        #expect(counts.total == 3)
        #expect(counts.byResult["EMPLOYMENT_AUTHORIZED"] == 1 && counts.byResult["NO_ACTION_FNC"] == 1 && counts.byResult["OPEN"] == 1)
        #expect(counts.byCitizenship["NONCITIZEN_AUTHORIZED_TO_WORK"] == 1 && counts.byCitizenship["US_CITIZEN"] == 1)
        #expect(counts.discharged == 1)
    }
}
