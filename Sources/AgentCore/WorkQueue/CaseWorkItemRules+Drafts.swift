/// Rule HIRE-2: a draft still waiting to be submitted, due on the last day of the
/// three-day clock (outages included). A draft of an existing employee (HIRE-6) has no
/// HIRE-2 clock: it is due from the day it was created, as nothing stops submitting it.
public enum DraftNotSubmitted: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard c.progress.status == .draft else { return nil }
        let due = CaseWorkItems.hireDue(c, context) ?? c.progress.createdOn
        return CaseWorkItems.item(.draftNotSubmitted, rule: "HIRE-2", c, due: due,
                                  title: "Submit draft case \(c.caseNumber)", action: CaseWorkItems.route(c, "submit"))
    }
}

/// Rule IMG-3: a draft of a client that requires a secondary review, not yet approved by
/// a second user. Due with the draft's HIRE-2 date, since submitting waits for it.
public enum ReviewPending: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard context.reviewRequired, c.progress.status == .draft, c.progress.review?.decision != .approve else { return nil }
        let due = CaseWorkItems.hireDue(c, context) ?? c.progress.createdOn
        return CaseWorkItems.item(.reviewPending, rule: "IMG-3", c, due: due,
                                  title: "Second-person review of case \(c.caseNumber)", action: CaseWorkItems.route(c, "review"))
    }
}

/// Rule CASE-7: a draft left untouched is closed automatically on the 180th federal work
/// day after its last change. Shown from `warningWorkDays` federal work days before, so
/// the client can submit or touch it in time; any change moves the date.
public enum DraftAutoClose: CaseWorkItemRule {
    public static let warningWorkDays = 10

    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard c.progress.status == .draft else { return nil }
        let touched = c.progress.lastTouchedOn
        let due = Deadlines.draftAutoCloseDate(lastTouched: touched, federal: context.federal).date
        // The 170th work day after the touch is the 10th before the 180th: counting back
        // from the due date walks 10 days instead of 170 again.
        let from = context.federal.addingFederalWorkDays(-warningWorkDays, to: due)
        return CaseWorkItems.item(.draftAutoClose, rule: "CASE-7", c, due: due, visibleFrom: from,
                                  title: "Draft case \(c.caseNumber) closes automatically on \(due.iso)",
                                  action: CaseWorkItems.route(c, "submit"))
    }
}
