/// When the employee's documents of a case exist, and what the employee must have been
/// given before their decision is recorded (TNC-2, TNC-3, TNC-4, DOC-2, CASE-4).
public enum CaseNotices {
    /// TNC-2: the Further Action Notice exists while a mismatch awaits, or has, the employee's decision.
    public static func checkFurtherActionNotice(_ p: CaseProgress) throws(CaseStateConflict) {
        guard p.mismatch != nil, p.status == .pendingReferral || p.status == .referred else {
            throw CaseStateConflict(action: .furtherActionNotice, status: p.status, allowed: CaseWorkflow.nextActions(p), rule: "TNC-2",
                                    message: "A Further Action Notice exists only for a case with a mismatch.")
        }
    }

    /// TNC-3, TNC-4: the Referral Date Confirmation exists once the case was referred.
    public static func checkReferralDateConfirmation(_ p: CaseProgress) throws(CaseStateConflict) {
        guard p.mismatch != nil, p.referredOn != nil, p.contactBy != nil else {
            throw CaseStateConflict(action: .refer, status: p.status, allowed: CaseWorkflow.nextActions(p), rule: "TNC-4",
                                    message: "The Referral Date Confirmation exists once the case is referred.")
        }
    }

    /// DOC-2: the photo on record is shown only while the user compares it.
    public static func checkPhotoShown(_ p: CaseProgress) throws(CaseStateConflict) {
        guard p.status == .photoMatch else {
            throw CaseStateConflict(action: .photoMatch, status: p.status, allowed: CaseWorkflow.nextActions(p), rule: "DOC-2",
                                    message: "The photo is shown only while the case is in PHOTO_MATCH.")
        }
    }

    /// TNC-2: the translation given beside the English text: the one asked for, else the
    /// employee's language, else the first the client offers; nil means English alone.
    public static func translation(requested: String?, employeeLanguage: String?, clientLanguages: [String]) -> String? {
        requested ?? employeeLanguage ?? clientLanguages.first
    }

    /// TNC-2, TNC-3: the employee's decision is recorded only once they were told, in private.
    public static func notificationIssue(employeeNotified: Bool?) -> FieldIssue? {
        guard employeeNotified == false else { return nil }
        return FieldIssue(field: "employee_notified", code: "TNC-2", message: "Tell the employee in private and give them the notice first.")
    }

    /// CASE-4: every field the government side could not confirm is confirmed or corrected.
    public static func confirmationIssues(unconfirmed: [String], listed: Set<String>) -> [FieldIssue] {
        unconfirmed.filter { !listed.contains($0) }.map {
            FieldIssue(field: $0, code: "CASE-4", message: "Confirm or correct \($0) from Form I-9.")
        }
    }
}
