import Testing
@testable import AgentCore

@Suite struct CaseNoticesTests {
    static func progress(_ status: CaseStatus, mismatch: MismatchKind? = .ssa, referred: Bool = false) -> CaseProgress {
        var p = CaseProgress(createdOn: .referenceDate)
        p.status = status
        p.mismatch = mismatch
        if referred {
            p.referredOn = .referenceDate
            p.contactBy = CivilDate.referenceDate.adding(days: 10)
        }
        return p
    }

    @Test("TNC-2: a Further Action Notice exists only while a mismatch awaits or has the employee's decision")
    func test_TNC2_furtherActionNoticeExists() {
        #expect(throws: Never.self) { try CaseNotices.checkFurtherActionNotice(Self.progress(.pendingReferral)) }
        #expect(throws: Never.self) { try CaseNotices.checkFurtherActionNotice(Self.progress(.referred, referred: true)) }
        for p in [Self.progress(.draft, mismatch: nil), Self.progress(.closed), Self.progress(.pendingReferral, mismatch: nil)] {
            #expect(throws: CaseStateConflict.self) { try CaseNotices.checkFurtherActionNotice(p) }
        }
    }

    @Test("TNC-4: the Referral Date Confirmation exists once the case is referred")
    func test_TNC4_referralLetterExists() {
        #expect(throws: CaseStateConflict.self) { try CaseNotices.checkReferralDateConfirmation(Self.progress(.pendingReferral)) }
        #expect(throws: Never.self) { try CaseNotices.checkReferralDateConfirmation(Self.progress(.referred, referred: true)) }
    }

    @Test("DOC-2: the photo on record is shown only during the comparison")
    func test_DOC2_photoShownOnlyWhileComparing() {
        #expect(throws: Never.self) { try CaseNotices.checkPhotoShown(Self.progress(.photoMatch, mismatch: nil)) }
        #expect(throws: CaseStateConflict.self) { try CaseNotices.checkPhotoShown(Self.progress(.scanAndUpload, mismatch: nil)) }
    }

    @Test("TNC-2: the translation is the one asked for, else the employee's, else the client's first; none is English alone")
    func test_TNC2_translationChoice() {
        #expect(CaseNotices.translation(requested: "vi", employeeLanguage: "es", clientLanguages: ["ko"]) == "vi")
        #expect(CaseNotices.translation(requested: nil, employeeLanguage: "es", clientLanguages: ["ko"]) == "es")
        #expect(CaseNotices.translation(requested: nil, employeeLanguage: nil, clientLanguages: ["ko", "es"]) == "ko")
        #expect(CaseNotices.translation(requested: nil, employeeLanguage: nil, clientLanguages: []) == nil)
    }

    @Test("TNC-2 and CASE-4: decisions need the employee told; confirmations list every field asked")
    func test_TNC2_CASE4_decisionPrerequisites() {
        #expect(CaseNotices.notificationIssue(employeeNotified: false)?.code == "TNC-2")
        #expect(CaseNotices.notificationIssue(employeeNotified: true) == nil)
        let issues = CaseNotices.confirmationIssues(unconfirmed: ["first_name", "date_of_birth"], listed: ["first_name"])
        #expect(issues.map(\.field) == ["date_of_birth"])
        #expect(issues.map(\.code) == ["CASE-4"])
    }
}
