@testable import AgentCore

/// A date the test spells out; a typo in a literal fails loudly here, not as a
/// confusing mismatch later.
func civil(_ iso: String) -> CivilDate {
    guard let date = CivilDate(iso: iso) else {
        preconditionFailure("bad date literal in test: \(iso)")
    }
    return date
}

/// A Monday-to-Saturday employer, for HIRE-2 cases where Saturday is a business day.
func mondayToSaturdayEmployer(closedDates: Set<CivilDate> = []) -> EmployerCalendar? {
    EmployerCalendar(weekdays: Set(Weekday.mondayToFriday + [.saturday]), closedDates: closedDates)
}
