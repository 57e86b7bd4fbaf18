/// Rules REV-1/REV-2: an employee whose work authorization expires is reverified on
/// Form I-9 Supplement B by the expiry, shown 90 days ahead; a revoked document is due
/// at once. Only an employee the case found authorized is reverified, and not one whose
/// employment ended before the date.
public enum ReverificationDue: CaseWorkItemRule {
    public static func item(for c: StoredCase, context: CaseWorkContext) -> WorkItem? {
        let p = c.progress
        guard p.eligibility == .employmentAuthorized || p.revocation != nil, let due = ReverificationRules.due(c) else { return nil }
        if let left = p.terminatedOn, left < due { return nil }
        let revoked = p.revocation != nil
        return CaseWorkItems.item(.reverification, rule: revoked ? "REV-2" : "REV-1", c, due: due,
                                  visibleFrom: revoked ? nil : due.adding(days: -ReverificationRules.noticeDays),
                                  title: revoked ? "The document on case \(c.caseNumber) was revoked: reverify now with List A or C"
                                                 : "Reverify the employee of case \(c.caseNumber) on Supplement B by \(due.iso)",
                                  action: CaseWorkItems.route(c, "reverification"))
    }
}
