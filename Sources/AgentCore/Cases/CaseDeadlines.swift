/// The deadlines shown on a case's status object, each with its rule (API.md `deadlines`).
public enum CaseDeadlines {
    public static func of(_ p: CaseProgress, dateOfHire: CivilDate, existingEmployee: Bool, employer: EmployerCalendar,
                          federal: FederalCalendar, outages: [ClosedRange<CivilDate>]) -> [Deadline] {
        var deadlines: [Deadline] = []
        if !existingEmployee {
            deadlines.append(Deadlines.hireDueDate(firstDayOfEmployment: dateOfHire, employer: employer, outages: outages))
        }
        switch p.status {
        case .draft:
            deadlines.append(Deadlines.draftAutoCloseDate(lastTouched: p.lastTouchedOn, federal: federal))
        case .pendingReferral:
            if let base = p.mismatchOn { deadlines.append(Deadlines.tncDecisionDueDate(mismatchResultDate: base, federal: federal)) }
        case .referred:
            if let contactBy = p.contactBy { deadlines.append(Deadline(name: "referral_contact_by_date", date: contactBy, rule: "TNC-4")) }
        case .caseInContinuance:
            if let since = p.continuanceSince { deadlines.append(Deadlines.continuanceFlagDate(continuanceStart: since, federal: federal)) }
        default:
            break
        }
        return deadlines
    }
}
