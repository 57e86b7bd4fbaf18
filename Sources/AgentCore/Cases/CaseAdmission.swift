/// CASE-5 and CASE-8 over the client's other cases with the same SSN, and IMG-3's
/// second-person rule: the checks that need more than the case's own data.
public enum CaseAdmission {
    /// CASE-5's window: a closed duplicate counts when created in the last 365 days.
    public static let duplicateWindowDays = 365

    public enum Verdict: Sendable, Equatable {
        case admit
        /// CASE-8: another case of the same SSN is still open (409, naming it).
        case openDuplicate(DuplicateCandidate, FieldIssue)
        /// CASE-5: a recent closed duplicate and no reason to continue (422).
        case recentDuplicate(FieldIssue)
    }

    public static func judge(_ candidates: [DuplicateCandidate], today: CivilDate, data: CaseData) -> Verdict {
        if data.existingEmployee, let verdict = existingEmployeeVerdict(candidates) { return verdict }
        let open = candidates.first { $0.status != .closed }
        let recent = candidates.contains { $0.createdOn >= today.adding(days: -duplicateWindowDays) }
        guard let issue = CaseRules.duplicateIssue(hasOpenDuplicate: open != nil, hasRecentClosedDuplicate: recent, data: data) else {
            return .admit
        }
        if let open, issue.code == "CASE-8" { return .openDuplicate(open, issue) }
        return .recentDuplicate(issue)
    }

    /// Rule HIRE-6: an existing employee is verified once through the program: not while
    /// another case of theirs is open, and never again after Employment Authorized.
    static func existingEmployeeVerdict(_ candidates: [DuplicateCandidate]) -> Verdict? {
        guard let earlier = candidates.first(where: { $0.status != .closed })
                ?? candidates.first(where: { $0.eligibility == .employmentAuthorized }) else { return nil }
        let message = earlier.status != .closed
            ? "This existing employee already has an open case (\(earlier.caseNumber)); an employee is verified once."
            : "This existing employee was already verified (case \(earlier.caseNumber), Employment Authorized); an employee is never verified twice."
        return .openDuplicate(earlier, FieldIssue(field: "ssn", code: "HIRE-6", message: message))
    }

    /// IMG-3: the secondary review is done by someone other than the case's creator.
    public static func reviewerIssue(creator: UserID, reviewer: UserID) -> FieldIssue? {
        guard creator == reviewer else { return nil }
        return FieldIssue(field: "decision", code: "IMG-3", message: "The secondary review is done by a user other than the case's creator.")
    }
}
