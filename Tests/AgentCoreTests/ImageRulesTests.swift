import Testing
@testable import AgentCore

/// The IMAGE rules (DOMAIN.md IMG-1..10) as pure functions.
@Suite struct ImageRulesTests {
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso) ?? .referenceDate }
    static let client = ClientID("c1")

    @Test("IMG-COMPLIANCE-OFFICER: a member with 50 or more employees names an officer; 49 need none")
    func test_IMG_complianceOfficerAtFifty() {
        func issues(count: Int, officer: UserID?) -> [String] {
            var input = ImageSettingsInput()
            input.member = true
            input.employeeCount = .some(count)
            input.complianceOfficer = .some(officer)
            var collector = IssueCollector()
            _ = ImageRules.apply(input, to: ImageSettings(), today: Self.date("2026-11-16"), issues: &collector)
            return collector.issues.map(\.code)
        }
        #expect(issues(count: 49, officer: nil) == [])
        #expect(issues(count: 50, officer: nil) == ["IMG-COMPLIANCE-OFFICER"])
        #expect(issues(count: 50, officer: UserID("u1")) == [])
        // Not a member: no officer needed whatever the size.
        var collector = IssueCollector()
        var input = ImageSettingsInput()
        input.employeeCount = .some(500)
        _ = ImageRules.apply(input, to: ImageSettings(), today: Self.date("2026-11-16"), issues: &collector)
        #expect(collector.issues.isEmpty)
    }

    @Test("Membership starts on the day it is set and ends when unset; the audit interval is 1 to 24 months")
    func test_IMG_membershipDates() {
        var collector = IssueCollector()
        var joined = ImageSettingsInput()
        joined.member = true
        let s = ImageRules.apply(joined, to: ImageSettings(), today: Self.date("2026-03-01"), issues: &collector)
        #expect(s.memberSince == Self.date("2026-03-01"))
        // Setting it again keeps the first day.
        #expect(ImageRules.apply(joined, to: s, today: Self.date("2026-05-01"), issues: &collector).memberSince == Self.date("2026-03-01"))
        var interval = ImageSettingsInput()
        interval.auditIntervalMonths = 25
        _ = ImageRules.apply(interval, to: s, today: Self.date("2026-05-01"), issues: &collector)
        #expect(collector.issues.map(\.field) == ["i9_audit_interval_months"])
    }

    @Test("IMG-4: the next audit is the interval after the last (or after joining); associates defer two years")
    func test_IMG4_auditDue() {
        let member = ImageSettings(member: true, auditIntervalMonths: 12, memberSince: Self.date("2024-02-29"))
        let first = ImageWorkItems.membership(member, clientID: Self.client, lastAuditOn: nil, filedReportYears: [])
        #expect(first.first { $0.kind == .i9AuditDue }?.dueDate == Self.date("2025-02-28"))
        let after = ImageWorkItems.membership(member, clientID: Self.client, lastAuditOn: Self.date("2025-01-31"), filedReportYears: [])
        #expect(after.first { $0.kind == .i9AuditDue }?.dueDate == Self.date("2026-01-31"))
        var associate = member
        associate.associate = true
        let deferred = ImageWorkItems.membership(associate, clientID: Self.client, lastAuditOn: nil, filedReportYears: [])
        #expect(deferred.first { $0.kind == .i9AuditDue }?.dueDate == Self.date("2026-02-28"))
        #expect(ImageWorkItems.membership(ImageSettings(), clientID: Self.client, lastAuditOn: nil, filedReportYears: []).isEmpty)
    }

    @Test("Months are calendar months: a day the month lacks becomes its last day")
    func test_IMG4_monthArithmetic() {
        #expect(ImageDates.adding(months: 1, to: Self.date("2027-01-31")) == Self.date("2027-02-28"))
        #expect(ImageDates.adding(months: 1, to: Self.date("2028-01-31")) == Self.date("2028-02-29"))
        #expect(ImageDates.adding(months: 6, to: Self.date("2026-11-16")) == Self.date("2027-05-16"))
        #expect(ImageDates.adding(months: 14, to: Self.date("2026-11-30")) == Self.date("2028-01-30"))
    }

    @Test("IMG-10: the first unfiled year's report is due 31 January after it, shown from the 1st; associates start two years on")
    func test_IMG10_annualReportDue() {
        let member = ImageSettings(member: true, memberSince: Self.date("2025-06-01"))
        func report(_ s: ImageSettings, filed: Set<Int>) -> WorkItem? {
            ImageWorkItems.membership(s, clientID: Self.client, lastAuditOn: nil, filedReportYears: filed).first { $0.kind == .annualReportDue }
        }
        #expect(report(member, filed: [])?.dueDate == Self.date("2026-01-31"))
        #expect(report(member, filed: [])?.visibleFrom == Self.date("2026-01-01"))
        #expect(report(member, filed: [2025])?.dueDate == Self.date("2027-01-31"))
        #expect(report(member, filed: [2025, 2026])?.subject.id == "c1/annual_report/2027")
        var associate = member
        associate.associate = true
        #expect(report(associate, filed: [])?.dueDate == Self.date("2028-01-31"))
    }

    @Test("IMG-6 and IMG-7: an open letter is due 90 days after it came; a tip 10 federal work days after")
    func test_IMG6_IMG7_items() {
        let letter = ImageRecord(id: "l1", clientID: Self.client, body: .noMatchLetter(NoMatchLetter(
            receivedOn: Self.date("2026-11-10"), employeeID: "E1", letterType: "EDCOR")), createdAt: "", createdBy: nil, updatedAt: "")
        #expect(ImageWorkItems.letter(letter)?.dueDate == Self.date("2027-02-08"))
        var resolved = letter
        resolved.body = .noMatchLetter(NoMatchLetter(receivedOn: Self.date("2026-11-10"), employeeID: "E1", letterType: "EDCOR",
                                                     resolution: "fixed", resolvedOn: Self.date("2026-11-20")))
        #expect(ImageWorkItems.letter(resolved) == nil)
        let tip = Tip(id: "t1", clientID: Self.client, message: "m", contact: nil, receivedAt: "", receivedOn: Self.date("2026-11-16"))
        // Thanksgiving (2026-11-26) is not a work day.
        #expect(ImageWorkItems.tip(tip, federal: FederalCalendar())?.dueDate == Self.date("2026-12-01"))
        var answered = tip
        answered.reply = "thanks"
        #expect(ImageWorkItems.tip(answered, federal: FederalCalendar()) == nil)
    }

    @Test("Records' dates are in order and not in the future; IMG-4 wants an independent auditor")
    func test_IMG_recordDates() {
        func fields(_ body: ImageRecordBody) -> [String] {
            do { try ImageRecordRules.check(body, today: Self.date("2026-11-16")); return [] } catch { return error.issues.map(\.field) }
        }
        #expect(fields(.selfReport(SelfReport(discoveredOn: Self.date("2026-11-10"), description: "d",
                                              reportedToIceOn: Self.date("2026-11-09")))) == ["reported_to_ice_on"])
        #expect(fields(.selfReport(SelfReport(discoveredOn: Self.date("2026-11-17"), description: "d"))) == ["discovered_on"])
        #expect(fields(.audit(I9Audit(performedOn: Self.date("2026-11-16"), auditorName: "a", auditorIndependent: false,
                                      formsSampled: 0))) == ["auditor_independent", "forms_sampled"])
        #expect(fields(.noMatchLetter(NoMatchLetter(receivedOn: Self.date("2026-11-10"), employeeID: "E", letterType: "T",
                                                    steps: [.init(on: Self.date("2026-11-09"), action: "a")]))) == ["steps[0].on"])
        #expect(fields(.contractorAssessment(ContractorAssessment(contractorName: "c", assessedOn: Self.date("2026-11-16"), adheres: false))) == [])
    }

    @Test("IMG-10: counts of the year's cases by result and status, and FNC discharges")
    func test_IMG10_counts() {
        func line(_ created: String, _ status: CaseStatus, _ result: EligibilityStatement?, reason: String? = nil,
                  citizenship: String = "US_CITIZEN") -> ImageAnnualReport.CaseLine {
            .init(createdOn: Self.date(created), status: status, eligibility: result, closureReason: reason, citizenship: citizenship)
        }
        let report = ImageAnnualReport.build(year: 2026, clientID: Self.client, cases: [
            line("2026-01-05", .closed, .employmentAuthorized),
            line("2026-03-05", .closed, .finalNonconfirmation, reason: "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", citizenship: "LAWFUL_PERMANENT_RESIDENT"),
            line("2026-12-31", .closed, nil),
            line("2026-07-01", .pendingReferral, nil),
            line("2025-12-31", .closed, .employmentAuthorized),
        ], statement: nil, audits: 1, selfReports: 0, noMatchLetters: 2, tips: 3)
        #expect(report.casesByResult["EMPLOYMENT_AUTHORIZED"] == 1)
        #expect(report.casesByResult["FINAL_NONCONFIRMATION"] == 1)
        #expect(report.casesByResult["CLOSED_WITHOUT_RESULT"] == 1)
        #expect(report.casesByResult["OPEN"] == 1)
        #expect(report.casesByResult.values.reduce(0, +) == 4)
        #expect(report.casesByCitizenship == ["US_CITIZEN": 3, "LAWFUL_PERMANENT_RESIDENT": 1])
        #expect(report.discharged == 1)
    }
}
