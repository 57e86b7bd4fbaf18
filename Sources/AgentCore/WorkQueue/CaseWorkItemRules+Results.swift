/// Rule TNC-10: a mismatch awaiting the employee's decision (refer or not), due on the
/// 10th federal work day after the mismatch result.
public enum TNCDecision: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard c.progress.status == .pendingReferral, let base = c.progress.mismatchOn else { return nil }
        let due = Deadlines.tncDecisionDueDate(mismatchResultDate: base, federal: context.federal).date
        return CaseWorkItems.item(.tncDecision, rule: "TNC-10", c, due: due,
                                  title: "Notify the employee of the mismatch on case \(c.caseNumber) and record the decision",
                                  action: CaseWorkItems.route(c, "refer"))
    }
}

/// Rule TNC-4: a referral whose employee has not contacted the agency yet, due on the
/// contact-by date of the referral letter. The agency settles it (contact, or the final
/// nonconfirmation after the date), so the action is to follow the case.
public enum ReferralOpen: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        let p = c.progress
        guard p.status == .referred, let contactBy = p.contactBy,
              p.ssaReferral == .referred || p.dhsReferral == .referred else { return nil }
        return CaseWorkItems.item(.referralOpen, rule: "TNC-4", c, due: contactBy,
                                  title: "Employee on case \(c.caseNumber) must contact the agency by \(contactBy.iso)",
                                  action: CaseWorkItems.route(c, nil))
    }
}

/// Rule CASE-6: every case is closed. A final nonconfirmation, a mismatch not contested
/// (NO_ACTION_FNC) or a close-and-resubmit result waits for the user's closure, due on the
/// federal work day after the result.
public enum CaseToClose: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        let p = c.progress
        guard p.status == .finalNonconfirmation || p.status == .closeCaseAndResubmit else { return nil }
        // Rows written before the result date was kept fall back to the last change's day.
        guard let result = p.finalResultOn ?? CivilDate(iso: String(c.updatedAt.prefix(10))) else { return nil }
        let due = context.federal.addingFederalWorkDays(1, to: result)
        return CaseWorkItems.item(.caseToClose, rule: "CASE-6", c, due: due,
                                  title: "Close case \(c.caseNumber) (\((p.eligibility ?? .finalNonconfirmation).rawValue))",
                                  action: CaseWorkItems.route(c, "close"))
    }
}

/// Rule CASE-9: a case in continuance for more than 60 federal work days is raised with
/// the program. Shown from the flag date (the 61st work day) while the case stays there.
public enum ContinuanceOver60: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        guard c.progress.status == .caseInContinuance, let since = c.progress.continuanceSince else { return nil }
        let flag = Deadlines.continuanceFlagDate(continuanceStart: since, federal: context.federal).date
        return CaseWorkItems.item(.continuanceOver60, rule: "CASE-9", c, due: flag, visibleFrom: flag,
                                  title: "Case \(c.caseNumber) in continuance for more than 60 federal work days: raise it with the program",
                                  action: CaseWorkItems.route(c, nil))
    }
}
