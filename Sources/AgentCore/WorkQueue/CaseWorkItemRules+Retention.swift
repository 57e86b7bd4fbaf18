/// Rule RET-3: a legal hold still in place a year after it was set is shown for review
/// (is the matter still open?). Shown from its first anniversary; releasing the hold
/// settles it.
public enum LegalHoldReview: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard let hold = c.progress.legalHold else { return nil }
        let anniversary = hold.since.adding(days: LegalHold.reviewAfterDays)
        return CaseWorkItems.item(.legalHoldReview, rule: "RET-3", c, due: anniversary, visibleFrom: anniversary,
                                  title: "Legal hold on case \(c.caseNumber) has been in place since \(hold.since.iso): review it",
                                  action: "PATCH /api/v1/cases/\(c.caseNumber)")
    }
}
